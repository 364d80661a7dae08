package io.learnhub.chat.realtime;

import java.util.UUID;

/**
 * A frame a client sent: {@code send} (roomId, body) or {@code ping}; {@code traceparent} and
 * {@code correlationId} are optional (the gateway sets both on a {@code send} it relays).
 */
public record ClientFrame(String type, UUID roomId, String body, String traceparent, String correlationId) {

    static final String SEND = "send";
    static final String PING = "ping";
}
