package io.learnhub.gateway.websocket;

import static io.opentelemetry.semconv.HttpAttributes.HTTP_REQUEST_METHOD;
import static io.opentelemetry.semconv.HttpAttributes.HTTP_RESPONSE_STATUS_CODE;
import static io.opentelemetry.semconv.ServerAttributes.SERVER_ADDRESS;
import static io.opentelemetry.semconv.ServerAttributes.SERVER_PORT;
import static io.opentelemetry.semconv.UrlAttributes.URL_FULL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.support.ChatReplicas;
import io.learnhub.gateway.support.ChatReplicasResource;
import io.learnhub.gateway.support.GatewaySocket;
import io.learnhub.gateway.support.InjectChatReplicas;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/**
 * Each bridged socket is one CLIENT span {@code GET /ws/chat} of the gateway: in the caller's
 * trace, a child of the gateway's server span of the upgrade, named in the traceparent chat-service
 * receives, open as long as the socket is. websockets-next's own OPEN and CLOSE spans are off.
 */
@QuarkusTest
@WithTestResource(ChatReplicasResource.class)
class ChatSocketTracingTest {

    private static final String GATEWAY = "gateway";

    private static final String SPAN_NAME = "GET /ws/chat";

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @TestHTTPResource(ChatSocket.PATH)
    URI endpoint;

    @InjectChatReplicas
    ChatReplicas replicas;

    @Inject
    Vertx vertx;

    @Inject
    InMemorySpanExporter spans;

    /** A socket opened with the caller's traceparent, relaying one frame, then closed by the client. */
    private void bridgeOneFrame(String correlationId, TraceParent caller) throws Exception {
        try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId)
                .addHeader("traceparent", caller.header()))) {
            client.send("hello");
            replicas.awaitSocket(correlationId).awaitFrames(1);
        }
    }

    private TraceTree awaitClientSpan(TraceParent caller) {
        return ExportedSpans.awaitTrace(spans, caller.traceId(), trace -> !trace.ofKind(GATEWAY, SpanKind.CLIENT).isEmpty());
    }

    @Test
    void clientSpanContinuesTheCallersTraceUnderTheGatewaysServerSpan() throws Exception {
        TraceParent caller = TraceParent.random();

        bridgeOneFrame("test-" + UUID.randomUUID(), caller);

        TraceTree trace = awaitClientSpan(caller);
        List<SpanData> clientSpans = trace.ofKind(GATEWAY, SpanKind.CLIENT);
        assertThat(clientSpans).as(trace.describe()).hasSize(1);
        SpanData serverSpan = trace.parentOf(clientSpans.get(0)).orElseThrow();
        assertThat(serverSpan.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(serverSpan.getName()).isEqualTo(SPAN_NAME);
        assertThat(serverSpan.getParentSpanId()).isEqualTo(caller.spanId());
    }

    @Test
    void theUpgradeIsTheServerSpanAndTheClientSpanOnly() throws Exception {
        TraceParent caller = TraceParent.random();

        bridgeOneFrame("test-" + UUID.randomUUID(), caller);

        TraceTree trace = awaitClientSpan(caller);
        assertThat(trace.spans()).as(trace.describe()).extracting(SpanData::getKind, SpanData::getName)
                .containsExactlyInAnyOrder(tuple(SpanKind.SERVER, SPAN_NAME), tuple(SpanKind.CLIENT, SPAN_NAME));
    }

    @Test
    void traceparentNamesTheGatewaysClientSpan() throws Exception {
        String correlationId = "test-" + UUID.randomUUID();
        TraceParent caller = TraceParent.random();

        bridgeOneFrame(correlationId, caller);

        SpanData clientSpan = awaitClientSpan(caller).ofKind(GATEWAY, SpanKind.CLIENT).get(0);
        assertThat(replicas.awaitSocket(correlationId).headers().getAll("traceparent"))
                .containsExactly("00-" + caller.traceId() + "-" + clientSpan.getSpanId() + "-01");
    }

    @Test
    void clientSpanCarriesHttpSemanticConventionAttributesAndTheCorrelationId() throws Exception {
        String correlationId = "test-" + UUID.randomUUID();
        TraceParent caller = TraceParent.random();

        bridgeOneFrame(correlationId, caller);

        SpanData clientSpan = awaitClientSpan(caller).ofKind(GATEWAY, SpanKind.CLIENT).get(0);
        RecordingUpstream replica = replicas.awaitReplicaOf(correlationId);
        assertThat(clientSpan.getName()).isEqualTo(SPAN_NAME);
        assertThat(clientSpan.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(correlationId);
        assertThat(clientSpan.getAttributes().get(HTTP_REQUEST_METHOD)).isEqualTo("GET");
        assertThat(clientSpan.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(101L);
        assertThat(clientSpan.getAttributes().get(SERVER_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(clientSpan.getAttributes().get(SERVER_PORT)).isEqualTo((long) replica.port());
        assertThat(clientSpan.getAttributes().get(URL_FULL)).isEqualTo("ws://127.0.0.1:" + replica.port() + "/ws/chat");
    }

    @Test
    void clientSpanEndsWhenTheBridgedSocketCloses() throws Exception {
        String correlationId = "test-" + UUID.randomUUID();
        TraceParent caller = TraceParent.random();
        long closedAtNanos;

        try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId)
                .addHeader("traceparent", caller.header()))) {
            client.send("hello");
            replicas.awaitSocket(correlationId).awaitFrames(1);
            closedAtNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        }

        assertThat(awaitClientSpan(caller).ofKind(GATEWAY, SpanKind.CLIENT).get(0).getEndEpochNanos())
                .isGreaterThanOrEqualTo(closedAtNanos);
    }
}
