package io.learnhub.chat.realtime;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open WebSocket of a user on this replica. Until the frames queued while the user was
 * offline have been pushed, live frames are held back and sent after them, so the client sees
 * everything in order.
 */
public final class ChatConnection {

    private final WebSocketConnection socket;
    private final String userId;
    private final List<Runnable> heldBack = new ArrayList<>();
    private boolean catchingUp = true;

    ChatConnection(WebSocketConnection socket, String userId) {
        this.socket = socket;
        this.userId = userId;
    }

    public String id() {
        return socket.id();
    }

    public String userId() {
        return userId;
    }

    WebSocketConnection socket() {
        return socket;
    }

    /** Sends a live frame now, or after the pending ones while those are still being pushed. */
    void sendLive(Runnable send) {
        synchronized (this) {
            if (catchingUp) {
                heldBack.add(send);
                return;
            }
        }
        send.run();
    }

    /** The pending frames are out: sends what was held back, in arrival order, and every later frame at once. */
    void caughtUp() {
        List<Runnable> toSend;
        synchronized (this) {
            catchingUp = false;
            toSend = List.copyOf(heldBack);
            heldBack.clear();
        }
        toSend.forEach(Runnable::run);
    }
}
