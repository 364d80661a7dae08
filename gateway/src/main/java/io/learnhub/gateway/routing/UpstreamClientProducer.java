package io.learnhub.gateway.routing;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The one HTTP client the gateway forwards with, on Quarkus' Vert.x instance. Quarkus' Vert.x
 * tracer is switched off for it: {@link io.learnhub.gateway.tracing.OutboundCallTracing} owns the
 * client span of every call (the tracer would add a second one, and none for failed connections).
 */
public class UpstreamClientProducer {

    @Produces
    @Singleton
    WebClient upstreamClient(Vertx vertx, ClientConfig config) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
                .setMaxPoolSize(config.maxPoolSize())
                .setKeepAlive(true)
                // a proxy relays redirects and compressed bodies to the caller as they are
                .setFollowRedirects(false)
                .setDecompressionSupported(false)
                // the caller's User-Agent is forwarded; the client must not add its own
                .setUserAgentEnabled(false)
                .setTracingPolicy(TracingPolicy.IGNORE);
        return WebClient.create(vertx, options);
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}
