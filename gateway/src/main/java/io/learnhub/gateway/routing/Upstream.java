package io.learnhub.gateway.routing;

import java.net.URI;

/**
 * A service behind the gateway: the {@code /api/<prefix>} it owns, its name (for logs and error
 * messages) and its base URL.
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

    /** The route template of every request forwarded here, e.g. {@code /api/chat/{path}}. */
    public String routeTemplate() {
        return UpstreamRoutes.API_ROOT + prefix + "/{path}";
    }

    public String host() {
        return baseUri.getHost();
    }

    public int port() {
        if (baseUri.getPort() >= 0) {
            return baseUri.getPort();
        }
        return "https".equalsIgnoreCase(baseUri.getScheme()) ? 443 : 80;
    }
}
