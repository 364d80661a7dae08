package io.learnhub.gateway.routing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the gateway's HTTP client talks to the upstreams ({@code learnhub.gateway.client.*}); the
 * time each route may take is the route's own ({@link RouteConfig}).
 */
@ConfigMapping(prefix = "learnhub.gateway.client")
public interface ClientConfig {

    /** Longest wait for a pooled connection or a new TCP connection to an upstream. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Connections kept per upstream; HTTP/1.1 carries one request at a time per connection. */
    @WithDefault("50")
    int maxPoolSize();

    /**
     * How many times an idempotent request (GET, HEAD, OPTIONS, PUT, DELETE) is sent again, to the
     * next replica, when the previous attempt never reached the upstream: the connection failed or
     * the replica's circuit breaker was open. A request the upstream may have received is never
     * repeated.
     */
    @WithDefault("1")
    int connectRetries();

    CircuitBreaker circuitBreaker();

    /**
     * One breaker per upstream replica. It counts the calls that failed in transport (refused,
     * timed out, dropped), not the upstream's own error answers, over the last
     * {@code request-volume} calls; once {@code failure-ratio} of them failed it opens, and calls
     * are answered 503 at once for {@code delay}; then one trial call decides.
     */
    interface CircuitBreaker {

        @WithDefault("10")
        int requestVolume();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("5s")
        Duration delay();
    }
}
