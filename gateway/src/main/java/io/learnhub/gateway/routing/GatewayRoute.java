package io.learnhub.gateway.routing;

import java.util.Optional;

/**
 * The routes the gateway serves, each with its own policy ({@link RouteConfig}): the
 * {@code /api/<prefix>/**} of a service, the payment provider's webhook, which has a body
 * limit, a timeout and callers of its own, and the browsers' spans ({@code POST /web/v1/traces}),
 * which the gateway answers itself: it has no upstream.
 */
public enum GatewayRoute {

    CHAT("chat", "chat"),
    PAYMENTS("payments", "payments"),
    PAYMENTS_WEBHOOK("payments-webhook", "payments"),
    REPORTS("reports", "reports"),
    WEB_TRACES("web-traces", null);

    static final String API_ROOT = "/api/";
    static final String WEBHOOK_PATH = "/api/payments/webhook";
    public static final String WEB_TRACES_PATH = "/web/v1/traces";

    private final String routeName;
    private final String upstreamPrefix;

    GatewayRoute(String routeName, String upstreamPrefix) {
        this.routeName = routeName;
        this.upstreamPrefix = upstreamPrefix;
    }

    /** The name in configuration keys, metrics and logs, e.g. {@code payments-webhook}. */
    public String routeName() {
        return routeName;
    }

    /** The {@code /api/<prefix>} of the service that serves the route; null for one the gateway answers itself. */
    public String upstreamPrefix() {
        return upstreamPrefix;
    }

    /** The route template of the requests forwarded on this route, e.g. {@code /api/chat/{path}}. */
    public String routeTemplate() {
        return API_ROOT + upstreamPrefix + "/{path}";
    }

    /** The route of a raw request path such as {@code /api/chat/rooms}; empty for a path no service owns. */
    public static Optional<GatewayRoute> of(String rawPath) {
        if (WEB_TRACES_PATH.equals(rawPath)) {
            return Optional.of(WEB_TRACES);
        }
        if (rawPath == null || !rawPath.startsWith(API_ROOT)) {
            return Optional.empty();
        }
        if (rawPath.equals(WEBHOOK_PATH)) {
            return Optional.of(PAYMENTS_WEBHOOK);
        }
        int end = rawPath.indexOf('/', API_ROOT.length());
        String prefix = end < 0 ? rawPath.substring(API_ROOT.length()) : rawPath.substring(API_ROOT.length(), end);
        return switch (prefix) {
            case "chat" -> Optional.of(CHAT);
            case "payments" -> Optional.of(PAYMENTS);
            case "reports" -> Optional.of(REPORTS);
            default -> Optional.empty();
        };
    }
}
