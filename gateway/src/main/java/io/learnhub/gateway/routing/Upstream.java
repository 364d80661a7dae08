package io.learnhub.gateway.routing;

import java.net.URI;

/**
 * A service behind the gateway (one replica of it, when it runs several): the {@code /api/<prefix>}
 * it owns, its name (for logs and error messages) and its base URL.
 */
public record Upstream(String prefix, String name, URI baseUri) {

    /** The absolute URL of the upstream resource for a raw inbound path and query. */
    public String urlFor(String rawPathAndQuery) {
        String base = baseUri.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + rawPathAndQuery;
    }

    /**
     * The absolute URL of a WebSocket endpoint of the upstream: {@code ws://} for an {@code http://}
     * base URL, {@code wss://} for {@code https://}, host, port and base path kept.
     */
    public String webSocketUrlFor(String path) {
        String url = urlFor(path);
        return (isSecure() ? "wss" : "ws") + url.substring(url.indexOf(':'));
    }

    public String host() {
        return baseUri.getHost();
    }

    public int port() {
        if (baseUri.getPort() >= 0) {
            return baseUri.getPort();
        }
        return isSecure() ? 443 : 80;
    }

    private boolean isSecure() {
        return "https".equalsIgnoreCase(baseUri.getScheme());
    }
}
