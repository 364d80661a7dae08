package io.learnhub.gateway.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.learnhub.common.http.RouteOrder;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Drops the W3C baggage a client sent from the request's context, before anything reads it. The
 * gateway is the edge: baggage from the internet would otherwise ride along on every hop and
 * Kafka record of the request (and could set {@code correlation_id}, which the gateway accepts
 * only through the validated {@code X-Correlation-ID} header). The baggage the services see is
 * then only what the gateway puts there. Inbound {@code traceparent} is kept: a frontend may
 * start the trace.
 */
@ApplicationScoped
public class InboundBaggageFilter {

    /** Before common's CorrelationIdRouteHandler, which adds correlation_id. */
    void install(@Observes Router router) {
        router.route().order(RouteOrder.DROP_INBOUND_BAGGAGE).handler(this::dropInboundBaggage);
    }

    void dropInboundBaggage(RoutingContext routingContext) {
        Context current = Context.current();
        if (!Baggage.fromContext(current).isEmpty()) {
            Scope scope = current.with(Baggage.empty()).makeCurrent();
            routingContext.addEndHandler(ignored -> scope.close());
        }
        routingContext.next();
    }
}
