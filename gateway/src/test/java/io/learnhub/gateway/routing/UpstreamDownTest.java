package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.support.FailingUpstreamsResource;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * report-service is down (its port refuses connections): its routes answer 502 after one more
 * attempt, and the gateway stays ready. Breakers start closed in every test.
 */
@QuarkusTest
@WithTestResource(FailingUpstreamsResource.class)
class UpstreamDownTest {

    private static final String GATEWAY = "gateway";

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    private static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");

    @BeforeEach
    void closeBreakers() {
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void unavailableUpstreamAnswers502WithErrorBody() {
        String correlationId = "test-" + UUID.randomUUID();

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get("/api/reports/stats");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.jsonPath().getString("error")).isEqualTo("upstream_unavailable");
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(correlationId);
        assertThat(response.jsonPath().getString("traceId"))
                .isEqualTo(TraceResponseHeader.parse(response.header("traceresponse")).traceId());
    }

    @Test
    void eachRefusedAttemptIsOneClientSpanWithError() {
        Response response = given().header("Authorization", STUDENT_BEARER).get("/api/reports/stats");

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        SpanData serverSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER).ofKind(SpanKind.SERVER);
        List<SpanData> attempts = ExportedSpans.awaitTrace(spans, traceId, tree -> tree.ofKind(GATEWAY, SpanKind.CLIENT).size() == 2)
                .ofKind(GATEWAY, SpanKind.CLIENT);
        assertThat(attempts).as("a GET that never reached the upstream is sent once more").hasSize(2);
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.getParentSpanId()).isEqualTo(serverSpan.getSpanId());
            assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(attempt.getAttributes().get(SharedSpans.ERROR_TYPE)).isEqualTo("upstream_unavailable");
            assertThat(attempt.getEvents()).anyMatch(event -> event.getName().equals("exception"));
        });
        assertThat(attempts).extracting(attempt -> attempt.getAttributes().get(RESEND_COUNT)).containsExactlyInAnyOrder(null, 1L);
    }

    @Test
    void refusedPostIsNotSentAgain() {
        Response response = given().header("Authorization", STUDENT_BEARER).body("{}").post("/api/reports/weekly/run");

        assertThat(response.statusCode()).isEqualTo(502);
        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER);
        assertThat(ExportedSpans.trace(spans, traceId).ofKind(GATEWAY, SpanKind.CLIENT)).hasSize(1);
    }

    @Test
    void gatewayStaysReadyWhileAnUpstreamIsDown() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
