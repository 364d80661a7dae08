package io.learnhub.gateway.routing;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What each route the gateway serves may cost ({@code learnhub.gateway.routes.<route>.*}): how
 * long its upstream may take, how large its bodies may be and how often one caller may call it.
 */
@ConfigMapping(prefix = "learnhub.gateway.routes")
public interface RouteConfig {

    RoutePolicy chat();

    RoutePolicy payments();

    RoutePolicy paymentsWebhook();

    RoutePolicy reports();

    /** Browsers' spans: only the body limit and the rate limit (per client address) apply. */
    RoutePolicy webTraces();

    default RoutePolicy of(GatewayRoute route) {
        return switch (route) {
            case CHAT -> chat();
            case PAYMENTS -> payments();
            case PAYMENTS_WEBHOOK -> paymentsWebhook();
            case REPORTS -> reports();
            case WEB_TRACES -> webTraces();
        };
    }

    interface RoutePolicy {

        /** Longest time the upstream may take to answer in full; beyond it the caller gets 504. */
        @WithDefault("10s")
        Duration timeout();

        /** Largest request body forwarded; a larger one is answered 413 without reaching the upstream. */
        @WithDefault("1M")
        MemorySize maxRequestBody();

        /** Largest response body relayed; a larger one is cut off and the caller gets 502. */
        @WithDefault("1M")
        MemorySize maxResponseBody();

        RateLimit rateLimit();
    }

    /**
     * A token bucket per caller: {@code burst} requests at once, refilled at {@code per-second}.
     * The caller is the user (JWT {@code sub}), or the client address for anonymous routes.
     */
    interface RateLimit {

        @WithDefault("10")
        @Positive
        double perSecond();

        @WithDefault("30")
        @Min(1)
        int burst();
    }
}
