package io.learnhub.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.support.ChatReplicas;
import io.learnhub.gateway.support.ChatReplicasResource;
import io.learnhub.gateway.support.GatewaySocket;
import io.learnhub.gateway.support.InjectChatReplicas;
import io.learnhub.gateway.support.RecordedSocket;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;

/**
 * Text frames cross the bridge unchanged and in order, both ways, also those a client sends before
 * chat-service has answered (but a {@code send}, which gets its trace context: see
 * {@link FrameRelayTracingTest}); a close on either side reaches the other with its code and reason.
 */
@QuarkusTest
@WithTestResource(ChatReplicasResource.class)
class ChatSocketRelayTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    /** %test.learnhub.gateway.websocket.max-pending-frames */
    private static final int MAX_PENDING_FRAMES = 4;

    @TestHTTPResource(ChatSocket.PATH)
    URI endpoint;

    @InjectChatReplicas
    ChatReplicas replicas;

    @Inject
    Vertx vertx;

    @AfterEach
    void releaseHandshakes() {
        replicas.releaseHandshakes();
    }

    private WebSocketConnectOptions student(String correlationId) {
        return GatewaySocket.options(endpoint).addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId);
    }

    private static String newCorrelationId() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void framesAreRelayedBothWaysUnchangedAndInOrder() throws Exception {
        String correlationId = newCorrelationId();
        try (GatewaySocket client = GatewaySocket.connect(vertx, student(correlationId))) {
            RecordedSocket upstream = replicas.awaitSocket(correlationId);

            client.send("{\"type\":\"ping\",\"note\":\"héllo\\twörld  \"}");
            client.send("second");
            client.send("third");
            upstream.send("{\"type\":\"message\" ,\"n\":1}");
            upstream.send("reply 2");

            assertThat(upstream.awaitFrames(3)).containsExactly("{\"type\":\"ping\",\"note\":\"héllo\\twörld  \"}", "second", "third");
            assertThat(client.awaitFrames(2)).containsExactly("{\"type\":\"message\" ,\"n\":1}", "reply 2");
        }
    }

    @Test
    void framesSentBeforeChatServiceAnswersAreRelayedInOrderOnceItDoes() throws Exception {
        String correlationId = newCorrelationId();
        replicas.holdHandshakes();
        try (GatewaySocket client = GatewaySocket.connect(vertx, student(correlationId))) {
            RecordedSocket upstream = replicas.awaitSocket(correlationId);
            client.send("early 1");
            client.send("early 2");
            client.send("early 3");

            replicas.releaseHandshakes();
            client.send("after");

            assertThat(upstream.awaitFrames(4)).containsExactly("early 1", "early 2", "early 3", "after");
        }
    }

    @Test
    void clientSendingTooMuchBeforeChatServiceAnswersIsClosedWith1013() throws Exception {
        String correlationId = newCorrelationId();
        replicas.holdHandshakes();
        try (GatewaySocket client = GatewaySocket.connect(vertx, student(correlationId))) {
            RecordedSocket upstream = replicas.awaitSocket(correlationId);
            for (int frame = 0; frame <= MAX_PENDING_FRAMES; frame++) {
                client.send("early " + frame);
            }

            assertThat(client.awaitClose()).isEqualTo((short) 1013);
            replicas.releaseHandshakes();
            assertThat(upstream.awaitClose()).as("chat-service's socket, once open").isEqualTo((short) 1001);
        }
    }

    @Test
    void clientCloseReachesChatServiceWithItsCodeAndReason() throws Exception {
        String correlationId = newCorrelationId();
        try (GatewaySocket client = GatewaySocket.connect(vertx, student(correlationId))) {
            RecordedSocket upstream = replicas.awaitSocket(correlationId);
            client.send("bye");
            upstream.awaitFrames(1);

            client.close((short) 4001, "left the room");

            assertThat(upstream.awaitClose()).isEqualTo((short) 4001);
            assertThat(upstream.closeReason()).isEqualTo("left the room");
        }
    }

    @Test
    void clientLeavingBeforeChatServiceAnswersClosesChatServicesSocketOnceOpen() throws Exception {
        String correlationId = newCorrelationId();
        replicas.holdHandshakes();
        try (GatewaySocket client = GatewaySocket.connect(vertx, student(correlationId))) {
            RecordedSocket upstream = replicas.awaitSocket(correlationId);
            client.close((short) 4003, "changed my mind");

            replicas.releaseHandshakes();

            assertThat(upstream.awaitClose()).isEqualTo((short) 4003);
            assertThat(upstream.closeReason()).isEqualTo("changed my mind");
        }
    }

    @Test
    void chatServiceCloseReachesTheClientWithItsCodeAndReason() throws Exception {
        String correlationId = newCorrelationId();
        try (GatewaySocket client = GatewaySocket.connect(vertx, student(correlationId))) {
            RecordedSocket upstream = replicas.awaitSocket(correlationId);
            upstream.send("last words");

            upstream.close((short) 4002, "room deleted");

            assertThat(client.awaitFrames(1)).containsExactly("last words");
            assertThat(client.awaitClose()).isEqualTo((short) 4002);
            assertThat(client.closeReason()).isEqualTo("room deleted");
        }
    }
}
