package io.learnhub.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.learnhub.common.error.ErrorResponses;
import io.learnhub.common.http.RouteOrder;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request from an origin CORS does not allow (neither configured in
 * {@code quarkus.http.cors.origins} nor the gateway's own) is answered 403 {@code forbidden} with
 * the error body, just before Quarkus' CORS filter, which would answer it with an empty 403. The
 * same decision as the filter's; preflights are left to the filter, which answers them without
 * {@code Access-Control-Allow-Origin}.
 */
@ApplicationScoped
public class ForeignOriginRouteHandler {

    final boolean enabled;
    private final List<String> origins;
    private final List<java.util.regex.Pattern> originPatterns;

    ForeignOriginRouteHandler(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        // no origins configured means the gateway's own origin only; "*" or /.*/ means every origin
        this.enabled = corsEnabled && !origins.map(ForeignOriginRouteHandler::allowsEveryOrigin).orElse(false);
        this.origins = origins.orElse(List.of());
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(origins);
    }

    // a single "*" or "/.*/" entry, as Quarkus' CORS filter reads it (an empty list is the gateway's own origin only)
    private static boolean allowsEveryOrigin(List<String> origins) {
        return origins.size() == 1 && (origins.get(0).equals("*") || origins.get(0).equals("/.*/"));
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(RouteOrder.FOREIGN_ORIGIN).handler(this::handle);
        }
    }

    void handle(RoutingContext routingContext) {
        HttpServerRequest request = routingContext.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || isPreflight(request) || isAllowed(request, origin)) {
            routingContext.next();
            return;
        }
        ErrorResponses.end(routingContext, 403, "forbidden", "Requests from this origin are not accepted");
    }

    private boolean isAllowed(HttpServerRequest request, String origin) {
        return origins.contains(origin) || CORSFilter.isOriginAllowedByRegex(originPatterns, origin) || isSameOrigin(request.absoluteURI(), origin);
    }

    private static boolean isPreflight(HttpServerRequest request) {
        return request.method() == HttpMethod.OPTIONS && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    /**
     * The request's own origin (the gateway's web app): scheme, host and port equal, a port left
     * out being the scheme's default, as Quarkus' CORS filter compares them.
     */
    static boolean isSameOrigin(String requestUri, String origin) {
        try {
            URI own = URI.create(requestUri);
            URI claimed = URI.create(origin);
            return claimed.getScheme() != null && claimed.getHost() != null
                    && claimed.getScheme().equalsIgnoreCase(own.getScheme())
                    && claimed.getHost().equalsIgnoreCase(own.getHost())
                    && portOf(claimed) == portOf(own);
        } catch (IllegalArgumentException | NullPointerException notAUri) {
            return false;
        }
    }

    private static int portOf(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
