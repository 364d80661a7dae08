package io.learnhub.gateway.websocket;

import static io.learnhub.testing.ExportedSpans.inTrace;
import static io.learnhub.testing.ExportedSpans.named;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.support.ChatReplicas;
import io.learnhub.gateway.support.ChatReplicasResource;
import io.learnhub.gateway.support.GatewaySocket;
import io.learnhub.gateway.support.InjectChatReplicas;
import io.learnhub.gateway.support.RecordedSocket;
import io.learnhub.gateway.tracing.GatewaySpans;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceParent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A {@code send} frame is relayed in a {@code relay_frame} span under the frame's traceparent (the
 * sender's browser span), and goes on to chat-service with the relay span's traceparent and the
 * frame's correlation id, so the gateway is in the message's trace; other frames pass untraced.
 */
@QuarkusTest
@WithTestResource(ChatReplicasResource.class)
class FrameRelayTracingTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");
    private static final String ROOM_ID = "c0ffee00-0000-4000-8000-000000000002";

    @TestHTTPResource(ChatSocket.PATH)
    URI endpoint;

    @InjectChatReplicas
    ChatReplicas replicas;

    @Inject
    Vertx vertx;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    ObjectMapper objectMapper;

    private WebSocketConnectOptions student(String correlationId) {
        return GatewaySocket.options(endpoint).addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId);
    }

    @Test
    void sendFrameIsRelayedUnderTheBrowserSpanWithTheRelaySpansContext() throws Exception {
        String socketCorrelationId = "socket-" + UUID.randomUUID();
        String frameCorrelationId = "click-" + UUID.randomUUID();
        TraceParent browserSpan = TraceParent.random();
        try (GatewaySocket client = GatewaySocket.connect(vertx, student(socketCorrelationId))) {
            RecordedSocket upstream = replicas.awaitSocket(socketCorrelationId);

            client.send("{\"type\":\"send\",\"roomId\":\"" + ROOM_ID + "\",\"body\":\"hi\",\"traceparent\":\""
                    + browserSpan.header() + "\",\"correlationId\":\"" + frameCorrelationId + "\"}");

            JsonNode relayed = objectMapper.readTree(upstream.awaitFrames(1).get(0));
            SpanData relay = ExportedSpans.awaitMatching(spans, 1, named(GatewaySpans.RELAY_FRAME).and(inTrace(browserSpan.traceId())))
                    .get(0);
            assertThat(relay.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(relay.getParentSpanId()).isEqualTo(browserSpan.spanId());
            assertThat(relay.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(frameCorrelationId);
            assertThat(relay.getAttributes().get(SharedSpans.ROOM_ID)).isEqualTo(ROOM_ID);
            assertThat(relay.getAttributes().get(GatewaySpans.FRAME_TYPE)).isEqualTo("send");

            assertThat(relayed.get("traceparent").asText())
                    .isEqualTo("00-" + browserSpan.traceId() + "-" + relay.getSpanId() + "-01");
            assertThat(relayed.get("correlationId").asText()).isEqualTo(frameCorrelationId);
            assertThat(relayed.get("type").asText()).isEqualTo("send");
            assertThat(relayed.get("roomId").asText()).isEqualTo(ROOM_ID);
            assertThat(relayed.get("body").asText()).isEqualTo("hi");
        }
    }

    @Test
    void sendFrameWithoutTraceContextStartsATraceWithAFreshCorrelationId() throws Exception {
        String socketCorrelationId = "socket-" + UUID.randomUUID();
        try (GatewaySocket client = GatewaySocket.connect(vertx, student(socketCorrelationId))) {
            RecordedSocket upstream = replicas.awaitSocket(socketCorrelationId);

            client.send("{\"type\":\"send\",\"roomId\":\"" + ROOM_ID + "\",\"body\":\"hi\",\"correlationId\":\"not acceptable!\"}");

            JsonNode relayed = objectMapper.readTree(upstream.awaitFrames(1).get(0));
            String traceId = relayed.get("traceparent").asText().split("-")[1];
            SpanData relay = ExportedSpans.awaitMatching(spans, 1, named(GatewaySpans.RELAY_FRAME).and(inTrace(traceId))).get(0);
            assertThat(relay.getParentSpanContext().isValid()).as("a root").isFalse();
            String correlationId = relayed.get("correlationId").asText();
            assertThat(correlationId).isNotEqualTo("not acceptable!").isNotEqualTo(socketCorrelationId);
            assertThat(CorrelationId.isAcceptable(correlationId)).isTrue();
            assertThat(relay.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(correlationId);
        }
    }

    @Test
    void otherFramesPassUntracedAndUnchanged() throws Exception {
        String socketCorrelationId = "socket-" + UUID.randomUUID();
        TraceParent caller = TraceParent.random();
        List<String> frames = List.of("{\"type\":\"ping\",\"traceparent\":\"" + caller.header() + "\"}", "not json",
                "[\"send\"]", "{\"type\":\"sent\",\"traceparent\":\"" + caller.header() + "\"}");
        try (GatewaySocket client = GatewaySocket.connect(vertx, student(socketCorrelationId))) {
            RecordedSocket upstream = replicas.awaitSocket(socketCorrelationId);
            for (String frame : frames) {
                client.send(frame);
            }

            assertThat(upstream.awaitFrames(frames.size())).containsExactlyElementsOf(frames);
            assertThat(ExportedSpans.matching(spans, named(GatewaySpans.RELAY_FRAME).and(inTrace(caller.traceId())))).isEmpty();
        }
    }
}
