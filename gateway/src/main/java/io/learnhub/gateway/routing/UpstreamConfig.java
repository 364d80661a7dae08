package io.learnhub.gateway.routing;

import java.net.URI;
import java.util.List;

import io.smallrye.config.ConfigMapping;

/**
 * Base URLs of the services behind the gateway ({@code learnhub.gateway.upstream.*}, environment
 * {@code GATEWAY_UPSTREAM_CHAT} and so on). A base URL is scheme, host and port: the services
 * serve the same {@code /api/...} paths the gateway does.
 */
@ConfigMapping(prefix = "learnhub.gateway.upstream")
public interface UpstreamConfig {

    /**
     * One base URL per chat-service replica, comma-separated. Requests and WebSocket connections
     * are spread over them in turn: chat-service keeps its state in PostgreSQL and Redis, so any
     * replica can serve any request.
     */
    List<URI> chat();

    URI payments();

    URI reports();
}
