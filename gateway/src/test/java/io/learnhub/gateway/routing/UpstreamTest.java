package io.learnhub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** The WebSocket URL of an upstream follows its base URL's scheme: ws:// for http://, wss:// for https://. */
class UpstreamTest {

    private static Upstream chatAt(String baseUrl) {
        return new Upstream("chat", "chat-service", URI.create(baseUrl));
    }

    @Test
    void plainHttpUpstreamIsReachedOverWs() {
        assertThat(chatAt("http://chat-1:8081").webSocketUrlFor("/ws/chat")).isEqualTo("ws://chat-1:8081/ws/chat");
    }

    @Test
    void httpsUpstreamIsReachedOverWss() {
        assertThat(chatAt("https://chat.internal").webSocketUrlFor("/ws/chat")).isEqualTo("wss://chat.internal/ws/chat");
    }

    @Test
    void basePathIsKept() {
        assertThat(chatAt("http://edge:8080/chat/").webSocketUrlFor("/ws/chat")).isEqualTo("ws://edge:8080/chat/ws/chat");
    }
}
