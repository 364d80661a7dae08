package io.learnhub.gateway.websocket;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * {@code /ws/chat}: the live chat of browsers and apps, bridged frame by frame to chat-service's
 * own {@code /ws/chat} by {@link ChatBridge}.
 *
 * <p>The upgrade needs a valid bearer token, verified like on the HTTP routes: in the
 * {@code Authorization} header, or from a browser (which cannot set headers on a WebSocket) in the
 * {@code bearer-token-carrier} subprotocol, which Quarkus turns into that header before
 * authentication. Without one the upgrade is refused with 401 and nothing is opened. The check is
 * the HTTP permission {@code chat-socket} in application.properties rather than
 * {@code @Authenticated} here: with the annotation, Quarkus answers a rejected token with its 401
 * challenge and then fails the upgrade once more, which logs an error for every refusal. A browser's
 * upgrade must also come from an allowed origin: Quarkus' CORS filter, which runs before the
 * upgrade, refuses any other with 403 ({@code quarkus.http.cors.origins}; the gateway's own origin
 * is always allowed; a client that sends no Origin is not a browser and is let through).
 */
@WebSocket(path = ChatSocket.PATH)
public class ChatSocket {

    public static final String PATH = "/ws/chat";

    private final ChatBridge bridge;

    ChatSocket(ChatBridge bridge) {
        this.bridge = bridge;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection client) {
        bridge.open(client);
    }

    /** Frames are processed one at a time per connection (websockets-next's serial mode), so they keep their order. */
    @OnTextMessage
    Uni<Void> relay(String frame, WebSocketConnection client) {
        return bridge.toUpstream(client, frame);
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection client, CloseReason reason) {
        bridge.clientClosed(client, reason);
    }
}
