package io.learnhub.gateway.routing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the gateway's HTTP client talks to the upstreams ({@code learnhub.gateway.client.*}). */
@ConfigMapping(prefix = "learnhub.gateway.client")
public interface ClientConfig {

    /** Longest wait for a pooled connection or a new TCP connection to an upstream. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Longest time an upstream may stay silent once the request is sent: no response headers or
     * body bytes within it fails the call with 504. Our upstreams answer small JSON bodies, so in
     * practice it bounds the whole response.
     */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Connections kept per upstream; HTTP/1.1 carries one request at a time per connection. */
    @WithDefault("50")
    int maxPoolSize();
}
