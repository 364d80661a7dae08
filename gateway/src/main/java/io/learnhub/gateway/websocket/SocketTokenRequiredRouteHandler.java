package io.learnhub.gateway.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.learnhub.common.error.ErrorResponses;
import io.learnhub.common.http.RouteOrder;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses an upgrade to {@code /ws/chat} that carries no token at all, neither in
 * {@code Authorization} nor in the browsers' {@code bearer-token-carrier} subprotocol, with the
 * 401 {@code unauthorized} and error body every other refusal has. Left to the {@code chat-socket}
 * HTTP permission, such an upgrade would get Quarkus' bare challenge, a 401 without a body, while
 * a rejected token gets the error body; a token, good or bad, is still that permission's to judge.
 */
@ApplicationScoped
public class SocketTokenRequiredRouteHandler {

    /** What Quarkus' bearer token mechanism answers in its challenge. */
    private static final String CHALLENGE_HEADER = "WWW-Authenticate";
    private static final String CHALLENGE = "Bearer";
    /** The prefix of the subprotocol that carries a header (quarkus.websockets-next.server.propagate-subprotocol-headers). */
    private static final String HEADER_CARRIER = "quarkus-http-upgrade";
    private static final String SUBPROTOCOLS = "Sec-WebSocket-Protocol";

    void install(@Observes Router router) {
        router.route(ChatSocket.PATH).order(RouteOrder.SOCKET_TOKEN_REQUIRED).handler(this::handle);
    }

    void handle(RoutingContext routingContext) {
        String authorization = routingContext.request().getHeader(HttpHeaders.AUTHORIZATION);
        String subprotocols = routingContext.request().getHeader(SUBPROTOCOLS);
        if (authorization != null || (subprotocols != null && subprotocols.contains(HEADER_CARRIER))) {
            routingContext.next();
            return;
        }
        Span.current().setAttribute(SharedSpans.ERROR_TYPE, "unauthorized");
        routingContext.response()
                .setStatusCode(401)
                .putHeader(CHALLENGE_HEADER, CHALLENGE)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(ErrorResponses.body("unauthorized", "A valid bearer token is required")));
    }
}
