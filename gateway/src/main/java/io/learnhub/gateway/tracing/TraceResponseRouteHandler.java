package io.learnhub.gateway.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.learnhub.common.http.RouteOrder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Adds {@value TraceResponse#HEADER} to every traced response: proxied answers as well as 401s,
 * 404s and 5xx produced by the gateway itself. It runs before any application route (next to
 * common's correlation id handler), while the current span is still the request's server span.
 */
@ApplicationScoped
public class TraceResponseRouteHandler {

    /** Right after common's CorrelationIdRouteHandler, before security and REST. */
    void install(@Observes Router router) {
        router.route().order(RouteOrder.TRACE_RESPONSE).handler(this::handle);
    }

    void handle(RoutingContext routingContext) {
        SpanContext serverSpan = Span.current().getSpanContext();
        if (serverSpan.isValid()) {
            String traceResponse = TraceResponse.of(serverSpan);
            routingContext.addHeadersEndHandler(ignored -> routingContext.response().putHeader(TraceResponse.HEADER, traceResponse));
        }
        routingContext.next();
    }
}
