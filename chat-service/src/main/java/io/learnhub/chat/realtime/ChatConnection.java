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

    /**
     * Sends a live frame now, or after the pending ones while those are still being pushed. Sends
     * only start a non-blocking write, so they run under the lock: a live frame can never overtake
     * the held-back ones.
     */
    synchronized void sendLive(Runnable send) {
        if (catchingUp) {
            heldBack.add(send);
        } else {
            send.run();
        }
    }

    /** The pending frames are out: sends what was held back, in arrival order, and every later frame at once. */
    synchronized void caughtUp() {
        catchingUp = false;
        heldBack.forEach(Runnable::run);
        heldBack.clear();
    }
}
