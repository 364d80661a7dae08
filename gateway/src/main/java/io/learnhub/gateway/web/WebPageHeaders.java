package io.learnhub.gateway.web;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers of the web frontend's page ({@code /} and {@code /index.html}): a
 * Content-Security-Policy that lets it load only its own files and talk only to the gateway (its
 * API, {@code /ws/chat}, its spans) and to the issuer's origin, where it reads the discovery
 * document and exchanges the code for a token; no framing; no content sniffing. Other pages
 * (Swagger UI) keep their own rules.
 */
@ApplicationScoped
public class WebPageHeaders {

    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    private final String policy;

    WebPageHeaders(WebConfig config) {
        this.policy = policyFor(config.oidc().issuer().map(WebPageHeaders::originOf).orElse(null));
    }

    void install(@Observes Router router) {
        router.routeWithRegex("^/(index\\.html)?$").handler(this::addHeaders);
    }

    private void addHeaders(RoutingContext routingContext) {
        routingContext.response()
                .putHeader(CONTENT_SECURITY_POLICY, policy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        routingContext.next();
    }

    /**
     * The policy; {@code issuerOrigin} joins {@code connect-src} as an origin, since a source
     * with a path would allow only that exact URL, not the discovery or token endpoint below it.
     */
    static String policyFor(String issuerOrigin) {
        return "default-src 'self'; connect-src 'self'" + (issuerOrigin == null ? "" : " " + issuerOrigin)
                + "; img-src 'self' data:; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /** {@code scheme://host[:port]} of the issuer. */
    static String originOf(URI issuer) {
        return issuer.getScheme() + "://" + issuer.getHost() + (issuer.getPort() < 0 ? "" : ":" + issuer.getPort());
    }
}
