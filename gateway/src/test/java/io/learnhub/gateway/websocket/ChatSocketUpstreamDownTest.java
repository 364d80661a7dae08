package io.learnhub.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.support.GatewaySocket;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** chat-service is down (its port refuses connections): a client of /ws/chat is told so, never dropped silently. */
@QuarkusTest
@TestProfile(ChatSocketUpstreamDownTest.ChatServiceDown.class)
class ChatSocketUpstreamDownTest {

    private static final String GATEWAY = "gateway";

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    public static class ChatServiceDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("learnhub.gateway.upstream.chat", "http://127.0.0.1:" + closedPort());
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort(); // closed again on return: connecting to it is refused
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @TestHTTPResource(ChatSocket.PATH)
    URI endpoint;

    @Inject
    Vertx vertx;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void clientGetsAnUpstreamUnavailableFrameThenClose1011() throws Exception {
        String correlationId = "test-" + UUID.randomUUID();

        try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId))) {
            JsonObject error = new JsonObject(client.awaitFrames(1).get(0));
            assertThat(error.getString("type")).isEqualTo("error");
            assertThat(error.getString("error")).isEqualTo("upstream_unavailable");
            assertThat(error.getString("message")).contains("chat-service");
            assertThat(error.getString("correlationId")).isEqualTo(correlationId);
            assertThat(client.awaitClose()).isEqualTo((short) 1011);
        }
    }

    @Test
    void refusedUpstreamSocketIsOneClientSpanWithError() throws Exception {
        TraceParent caller = TraceParent.random();

        try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                .addHeader("Authorization", STUDENT_BEARER).addHeader("traceparent", caller.header()))) {
            client.awaitClose();
        }

        TraceTree trace = ExportedSpans.awaitTrace(spans, caller.traceId(), t -> !t.ofKind(GATEWAY, SpanKind.CLIENT).isEmpty());
        List<SpanData> clientSpans = trace.ofKind(GATEWAY, SpanKind.CLIENT);
        assertThat(clientSpans).as(trace.describe()).hasSize(1);
        SpanData clientSpan = clientSpans.get(0);
        assertThat(trace.parentOf(clientSpan).orElseThrow().getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(clientSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(clientSpan.getAttributes().get(SharedSpans.ERROR_TYPE)).isNotBlank();
        assertThat(clientSpan.getEvents()).anyMatch(event -> event.getName().equals("exception"));
    }
}
