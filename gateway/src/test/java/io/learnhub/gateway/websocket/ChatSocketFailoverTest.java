package io.learnhub.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.support.ChatReplicaDownResource;
import io.learnhub.gateway.support.GatewaySocket;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.RecordedSocket;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/**
 * One of two chat-service replicas is down: every new socket is bridged to the live one, those the
 * turn would have given the dead one included, instead of being closed with 1011.
 */
@QuarkusTest
@WithTestResource(ChatReplicaDownResource.class)
class ChatSocketFailoverTest {

    private static final String GATEWAY = "gateway";
    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @TestHTTPResource(ChatSocket.PATH)
    URI endpoint;

    @InjectRecordingUpstream
    RecordingUpstream live;

    @Inject
    Vertx vertx;

    @Inject
    InMemorySpanExporter spans;

    private RecordedSocket upstreamSocket(String correlationId) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> live.findSocket(correlationId), Optional::isPresent).orElseThrow();
    }

    @Test
    void socketsTurnedToADeadReplicaAreBridgedToTheLiveOne() throws Exception {
        // two sockets in a row: the turn gives one of them to the dead replica
        for (int socket = 0; socket < 2; socket++) {
            String correlationId = "test-" + UUID.randomUUID();
            try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                    .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId))) {
                RecordedSocket upstream = upstreamSocket(correlationId);
                client.send("{\"type\":\"ping\"}");
                assertThat(upstream.awaitFrames(1)).containsExactly("{\"type\":\"ping\"}");
                upstream.send("{\"type\":\"pong\"}");
                assertThat(client.awaitFrames(1)).containsExactly("{\"type\":\"pong\"}");
            }
        }
    }

    @Test
    void failedOverSocketHasAFailedClientSpanThenOneOnTheLiveReplica() throws Exception {
        List<TraceTree> traces = new ArrayList<>();
        for (int socket = 0; socket < 2; socket++) {
            TraceParent caller = TraceParent.random();
            String correlationId = "test-" + UUID.randomUUID();
            try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                    .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId)
                    .addHeader("traceparent", caller.header()))) {
                upstreamSocket(correlationId);
            }
            traces.add(ExportedSpans.awaitTrace(spans, caller.traceId(),
                    trace -> trace.ofKind(GATEWAY, SpanKind.CLIENT).stream().anyMatch(span -> span.getStatus().getStatusCode() != StatusCode.ERROR)
                            && trace.ofKind(GATEWAY, SpanKind.CLIENT).stream().allMatch(span -> span.hasEnded())));
        }

        TraceTree failedOver = traces.stream().filter(trace -> trace.ofKind(GATEWAY, SpanKind.CLIENT).size() > 1).findFirst()
                .orElseThrow(() -> new AssertionError("no socket was turned to the dead replica: " + traces));
        List<SpanData> attempts = failedOver.ofKind(GATEWAY, SpanKind.CLIENT);
        assertThat(attempts).as(failedOver.describe()).hasSize(2)
                .allSatisfy(attempt -> assertThat(failedOver.parentOf(attempt).orElseThrow().getKind()).isEqualTo(SpanKind.SERVER));
        assertThat(attempts).filteredOn(attempt -> attempt.getStatus().getStatusCode() == StatusCode.ERROR)
                .as("the attempt on the dead replica in %s", failedOver.describe()).singleElement()
                .satisfies(dead -> assertThat(TraceTree.attributeText(dead, "server.port")).isNotEqualTo(Integer.toString(live.port())));
        assertThat(attempts).filteredOn(attempt -> attempt.getStatus().getStatusCode() != StatusCode.ERROR)
                .as("the attempt on the live replica in %s", failedOver.describe()).singleElement()
                .satisfies(ok -> assertThat(TraceTree.attributeText(ok, "server.port")).isEqualTo(Integer.toString(live.port())));
    }
}
