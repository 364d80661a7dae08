package io.learnhub.gateway.web;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The web frontend the gateway serves at {@code /} ({@code learnhub.gateway.web.*}): how its
 * users sign in (authorization code with PKCE at the issuer, or the local run's dev sign-in), where its "last request" strip links a trace, and what the gateway accepts of
 * the spans it sends (docs/contracts.md, "The web frontend").
 */
@ConfigMapping(prefix = "learnhub.gateway.web")
public interface WebConfig {

    Oidc oidc();

    TraceUi traceUi();

    DevSignIn devSignIn();

    Telemetry telemetry();

    interface Oidc {

        /** The issuer whose discovery document ({@code /.well-known/openid-configuration}) the frontend reads. */
        Optional<URI> issuer();

        /** The frontend's client id at the issuer: a public client (no secret) allowed the gateway's origin as redirect URI. */
        @WithDefault("learnhub-web")
        String clientId();

        @WithDefault("openid profile email")
        String scope();
    }

    interface TraceUi {

        /** What the trace link is called: Jaeger, Zipkin. */
        @WithDefault("Jaeger")
        String name();

        /** A trace's page, {@code {traceId}} standing for the id; unset: no link. */
        Optional<String> url();
    }

    /**
     * The dev sign-in ({@code POST /web/dev-sign-in}): on, the frontend offers it instead of the
     * issuer. Only for the dev, test and local profiles.
     */
    interface DevSignIn {

        String ENABLED = "learnhub.gateway.web.dev-sign-in.enabled";

        @WithDefault("false")
        boolean enabled();

        /** The private key (PEM) that signs the tokens: the committed dev key, which no real environment trusts. */
        Optional<String> privateKeyLocation();

        @WithDefault("1h")
        Duration tokenLifespan();
    }

    interface Telemetry {

        /** How long a browser batches its spans before sending them. */
        @WithDefault("1s")
        Duration exportDelay();

        /** The most spans one request may carry; more is a 400. */
        @WithDefault("512")
        int maxSpansPerRequest();

        /** The most browser spans this replica relays per second, from all browsers together; more is a 429. */
        @WithDefault("500")
        int maxSpansPerSecond();
    }
}
