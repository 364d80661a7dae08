package io.learnhub.chat.realtime;

import java.util.UUID;

/** A frame a client sent: {@code send} (roomId, body) or {@code ping}; {@code traceparent} is optional. */
public record ClientFrame(String type, UUID roomId, String body, String traceparent) {

    static final String SEND = "send";
    static final String PING = "ping";
}
