package io.learnhub.gateway.websocket;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.learnhub.common.error.ErrorResponses;
import io.learnhub.common.http.RouteOrder;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * An upgrade to {@code /ws/chat} whose handshake headers are not those of RFC 6455 §4.2.1 is
 * refused with the error body: a {@code Sec-WebSocket-Version} other than 13 with 426 (and the
 * version the gateway speaks), a {@code Sec-WebSocket-Key} that is not 16 bytes in base64 with 400.
 * Vert.x would refuse the first with an empty answer and accept the second.
 */
@ApplicationScoped
public class HandshakeHeadersRouteHandler {

    private static final String VERSION = "13";
    private static final int KEY_BYTES = 16;

    void install(@Observes Router router) {
        router.get(ChatSocket.PATH).order(RouteOrder.WEBSOCKET_HANDSHAKE).handler(this::handle);
    }

    void handle(RoutingContext routingContext) {
        HttpServerRequest request = routingContext.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            routingContext.next();
        } else if (!VERSION.equals(request.getHeader("Sec-WebSocket-Version"))) {
            routingContext.response().putHeader("Sec-WebSocket-Version", VERSION);
            ErrorResponses.end(routingContext, 426, "upgrade_required", "Only WebSocket version 13 is spoken here");
        } else if (!isKey(request.getHeader("Sec-WebSocket-Key"))) {
            ErrorResponses.end(routingContext, 400, "bad_request", "Sec-WebSocket-Key must be 16 bytes in base64");
        } else {
            routingContext.next();
        }
    }

    private static boolean isKey(String key) {
        try {
            return key != null && Base64.getDecoder().decode(key.trim()).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
