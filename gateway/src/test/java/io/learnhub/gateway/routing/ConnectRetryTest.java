package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.support.FailingUpstreamsResource;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** chat-service has two replicas, the first down: what reaches the live one, and what does not. */
@QuarkusTest
@WithTestResource(FailingUpstreamsResource.class)
class ConnectRetryTest {

    private static final String GATEWAY = "gateway";
    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @InjectRecordingUpstream
    RecordingUpstream liveReplica;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void closeBreakers() {
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void everyGetIsServedBySendingItAgainToTheLiveReplica() {
        for (int request = 0; request < 4; request++) {
            given().header("Authorization", STUDENT_BEARER).get("/api/chat/rooms").then().statusCode(200);
        }
    }

    @Test
    void aPostThatMetTheDeadReplicaIsNotSentAgain() {
        List<Integer> statuses = new ArrayList<>();
        for (int request = 0; request < 2; request++) {
            String correlationId = "test-" + UUID.randomUUID();
            Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                    .body("{\"roomId\":1,\"content\":\"hi\"}").post("/api/chat/messages");
            statuses.add(response.statusCode());
            if (response.statusCode() == 502) {
                String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
                ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER);
                assertThat(ExportedSpans.trace(spans, traceId).ofKind(GATEWAY, SpanKind.CLIENT)).hasSize(1);
                assertThat(liveReplica.hasReceived(correlationId)).isFalse();
            }
        }
        assertThat(statuses).as("the replicas take turns: one POST met each").containsExactlyInAnyOrder(200, 502);
    }

    @Test
    void theDeadReplicasOpenBreakerSendsGetsStraightToTheLiveOne() {
        // two GETs meet the dead replica first: two failed attempts; then its breaker needs two more
        List<String> traceIds = new ArrayList<>();
        for (int request = 0; request < 10; request++) {
            Response response = given().header("Authorization", STUDENT_BEARER).get("/api/chat/rooms");
            assertThat(response.statusCode()).isEqualTo(200);
            traceIds.add(TraceResponseHeader.parse(response.header("traceresponse")).traceId());
        }

        List<SpanData> refusedByBreaker = traceIds.stream()
                .flatMap(traceId -> ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER).ofKind(GATEWAY, SpanKind.CLIENT).stream())
                .filter(span -> "upstream_circuit_open".equals(span.getAttributes().get(SharedSpans.ERROR_TYPE)))
                .toList();
        assertThat(refusedByBreaker).isNotEmpty();
    }
}
