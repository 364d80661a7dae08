package io.learnhub.chat.realtime;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * {@code /ws/chat}: a member's live view of all their rooms. The upgrade needs a valid bearer
 * token (401 otherwise, nothing opened): an HTTP permission in application.properties, checked
 * before the upgrade (an {@code @Authenticated} endpoint answers the same 401 but then logs an
 * error for a response already written). The gateway bridges browsers and apps here. Frames are
 * described in docs/architecture.md ("WebSocket").
 */
@WebSocket(path = "/ws/chat")
public class ChatSocket {

    private final ChatSessions sessions;
    private final SecurityIdentity identity;

    public ChatSocket(ChatSessions sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        return sessions.open(connection, ((JsonWebToken) identity.getPrincipal()).getSubject());
    }

    @OnTextMessage
    Uni<Void> receive(String frame, WebSocketConnection connection) {
        return sessions.receive(connection, frame);
    }

    @OnClose
    Uni<Void> close(WebSocketConnection connection) {
        return sessions.close(connection);
    }
}
