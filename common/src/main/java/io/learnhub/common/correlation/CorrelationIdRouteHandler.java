package io.learnhub.common.correlation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.learnhub.common.http.RouteOrder;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Establishes the correlation id of every HTTP request before any other route runs, so that
 * authentication failures, 404s and mapped errors carry it too.
 *
 * <p>The id is the inbound {@value CorrelationId#HEADER} header when acceptable, else the
 * {@value CorrelationId#BAGGAGE_KEY} baggage entry propagated by the caller, else a new UUID.
 * It is added to the baggage of the request's OpenTelemetry context (outgoing calls and Kafka
 * records then carry it), set on the server span, and echoed on the response.
 */
@ApplicationScoped
public class CorrelationIdRouteHandler {

    void install(@Observes Router router) {
        router.route().order(RouteOrder.CORRELATION_ID).handler(this::handle);
    }

    void handle(RoutingContext routingContext) {
        Context requestContext = Context.current();
        String correlationId = CorrelationId.firstAcceptableOrMint(
                routingContext.request().getHeader(CorrelationId.HEADER),
                CorrelationId.from(requestContext).orElse(null));

        Span.current().setAttribute(SharedSpans.CORRELATION_ID, correlationId);
        Scope scope = CorrelationId.withCorrelationId(requestContext, correlationId).makeCurrent();
        routingContext.addHeadersEndHandler(ignored -> routingContext.response().putHeader(CorrelationId.HEADER, correlationId));
        routingContext.addEndHandler(ignored -> scope.close());
        routingContext.next();
    }
}
