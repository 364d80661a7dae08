package io.learnhub.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.ratelimit.RateLimiter;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The gateway's policy for one API request, in the order that costs least: the route must exist,
 * its body must fit the route's limit, the caller must be within the route's rate limit; then
 * {@link UpstreamProxy} forwards it.
 */
@ApplicationScoped
public class ForwardingService {

    private final RouteConfig routes;
    private final RateLimiter rateLimiter;
    private final UpstreamProxy proxy;

    ForwardingService(RouteConfig routes, RateLimiter rateLimiter, UpstreamProxy proxy) {
        this.routes = routes;
        this.rateLimiter = rateLimiter;
        this.proxy = proxy;
    }

    /**
     * An authenticated request: the route follows from the path's prefix and the caller is the user.
     *
     * @param userId the caller's JWT {@code sub}
     */
    public Uni<Response> forward(HttpServerRequest inbound, byte[] body, String userId) {
        GatewayRoute route = GatewayRoute.of(inbound.path())
                .orElseThrow(() -> new NotFoundException("API route", inbound.path()));
        return forward(route, inbound, body, "user:" + userId);
    }

    /**
     * The payment provider's notification: the route is named by the resource method JAX-RS chose
     * (whatever spelling of the path reached it), the caller is the client address.
     */
    public Uni<Response> forwardWebhook(HttpServerRequest inbound, byte[] body) {
        SocketAddress remote = inbound.remoteAddress();
        return forward(GatewayRoute.PAYMENTS_WEBHOOK, inbound, body, "address:" + (remote == null ? "unknown" : remote.hostAddress()));
    }

    private Uni<Response> forward(GatewayRoute route, HttpServerRequest inbound, byte[] body, String caller) {
        MemorySize limit = routes.of(route).maxRequestBody();
        if (body.length > limit.asLongValue()) {
            PayloadTooLargeException tooLarge = new PayloadTooLargeException(route, limit);
            Span.current().setAttribute(SharedSpans.ERROR_TYPE, tooLarge.error());
            return Uni.createFrom().failure(tooLarge);
        }
        return rateLimiter.admit(route, caller)
                .chain(() -> proxy.forward(route, inbound, body));
    }
}
