package io.learnhub.gateway.websocket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the gateway bridges {@code /ws/chat} to chat-service ({@code learnhub.gateway.websocket.*}). */
@ConfigMapping(prefix = "learnhub.gateway.websocket")
public interface ChatBridgeConfig {

    /**
     * Frames a client may send before chat-service's socket is open; they are relayed, in order,
     * once it is. A client that sends more meanwhile is closed with 1013 (try again later), so a
     * slow upstream cannot make the gateway hold an unbounded backlog.
     */
    @WithDefault("32")
    int maxPendingFrames();
}
