package io.learnhub.common.error;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.learnhub.common.http.RouteOrder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The error body for what fails outside Quarkus REST, whose exception mappers ({@link ErrorMappers})
 * never see it: an HTTP permission refusing a request (the gateway's {@code /ws/chat} upgrade
 * without a valid token), a Vert.x handler failing a request with a status, an exception escaping
 * a route. Quarkus' own failure handler would answer those with an empty body, or a text one.
 * A failure of a request whose client has gone is left to Quarkus' handler; a 5xx a handler
 * chose is kept; a worker pool with no thread free is a 503, as Quarkus answers it.
 */
@ApplicationScoped
public class FailedRequestRouteHandler {

    private static final Logger LOG = Logger.getLogger(FailedRequestRouteHandler.class);

    void install(@Observes Router router) {
        router.route().order(RouteOrder.FAILED_REQUEST).failureHandler(this::handle);
    }

    void handle(RoutingContext routingContext) {
        if (routingContext.response().headWritten()) {
            routingContext.next();
            return;
        }
        Throwable failure = routingContext.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            // the challenge of the bearer token mechanism, with the body
            routingContext.response().putHeader("WWW-Authenticate", "Bearer");
            ErrorResponses.end(routingContext, 401, "unauthorized", ErrorMappers.UNAUTHORIZED);
        } else if (failure instanceof ForbiddenException) {
            ErrorResponses.end(routingContext, 403, "forbidden", ErrorMappers.FORBIDDEN);
        } else if (routingContext.statusCode() >= 400 && routingContext.statusCode() < 500) {
            int status = routingContext.statusCode();
            ErrorResponses.end(routingContext, status, ErrorResponses.codeOf(status), ClientErrors.messageOf(status));
        } else if (failure instanceof IOException || routingContext.response().closed()) {
            // the client went away: nobody to answer, and nothing an operator must act on
            routingContext.next();
        } else if (failure == null && routingContext.statusCode() >= 500) {
            // a handler failed the request with a 5xx of its own choosing: kept
            int status = routingContext.statusCode();
            ErrorResponses.end(routingContext, status, ErrorResponses.codeOf(status), ErrorMappers.INTERNAL_ERROR);
        } else if (failure instanceof RejectedExecutionException) {
            LOG.warn("Request refused: no worker thread free to run it");
            ErrorResponses.end(routingContext, 503, "service_unavailable", "The service is overloaded; try again shortly");
        } else {
            LOG.error("Unexpected error while handling the request", failure);
            Span span = Span.current();
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            }
            ErrorResponses.end(routingContext, 500, "internal_error", ErrorMappers.INTERNAL_ERROR);
        }
    }
}
