package io.learnhub.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.learnhub.common.error.ErrorResponses;
import io.learnhub.common.http.RouteOrder;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers 413 {@code payload_too_large} as soon as a request's {@code Content-Length} exceeds its
 * route's limit, before the body is read, authenticated or forwarded. A body sent without a
 * length (chunked) is measured once read ({@link ForwardingService}); Quarkus' own
 * {@code quarkus.http.limits.max-body-size}, the largest route limit, bounds what is read.
 */
@ApplicationScoped
public class RequestBodyLimitRouteHandler {

    private final RouteConfig routes;

    RequestBodyLimitRouteHandler(RouteConfig routes) {
        this.routes = routes;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(RouteOrder.REQUEST_BODY_LIMIT).handler(this::handle);
        router.route(GatewayRoute.WEB_TRACES_PATH).order(RouteOrder.REQUEST_BODY_LIMIT).handler(this::handle);
    }

    void handle(RoutingContext routingContext) {
        String declaredLength = routingContext.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        GatewayRoute route = GatewayRoute.of(routingContext.request().path()).orElse(null);
        if (declaredLength == null || route == null) {
            routingContext.next();
            return;
        }
        MemorySize limit = routes.of(route).maxRequestBody();
        if (parse(declaredLength) <= limit.asLongValue()) {
            routingContext.next();
            return;
        }
        PayloadTooLargeException tooLarge = new PayloadTooLargeException(route, limit);
        Span.current().setAttribute(SharedSpans.ERROR_TYPE, tooLarge.error());
        routingContext.response()
                .setStatusCode(tooLarge.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                // the unread body is not drained: close the connection after the answer
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(ErrorResponses.body(tooLarge.error(), tooLarge.getMessage())));
    }

    /** A malformed length is Vert.x' to reject; here it just does not count as too large. */
    private static long parse(String declaredLength) {
        try {
            return Long.parseLong(declaredLength.trim());
        } catch (NumberFormatException malformed) {
            return -1;
        }
    }
}
