package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.support.FailingUpstreamsResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.PrometheusText;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * report-service is down. In %test four failed calls in a row open its breaker (each GET is two
 * attempts); then its routes are answered 503 without a connection attempt until the delay (1 s)
 * lets a trial call through.
 */
@QuarkusTest
@WithTestResource(FailingUpstreamsResource.class)
class CircuitBreakerTest {

    private static final String GATEWAY = "gateway";
    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void closeBreakers() {
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void aDownBackendIsAnswered503AtOnceWithTheErrorBodyOnceItsBreakerIsOpen() {
        openReportServicesBreaker();
        String correlationId = "test-" + UUID.randomUUID();

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get("/api/reports/stats");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.header("Retry-After")).as("the breaker's delay, 1 s in %test").isEqualTo("1");
        assertThat(response.jsonPath().getString("error")).isEqualTo("upstream_circuit_open");
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(correlationId);
        assertThat(response.jsonPath().getString("traceId"))
                .isEqualTo(TraceResponseHeader.parse(response.header("traceresponse")).traceId());
    }

    @Test
    void theRefusedCallIsAnErrorSpanSayingWhy() {
        openReportServicesBreaker();

        Response response = given().header("Authorization", STUDENT_BEARER).get("/api/reports/stats");

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        List<SpanData> clientSpans = ExportedSpans.awaitTrace(spans, traceId, SpanKind.CLIENT).ofKind(GATEWAY, SpanKind.CLIENT);
        assertThat(clientSpans).as("one replica: no second attempt against an open breaker").hasSize(1);
        assertThat(clientSpans.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(clientSpans.get(0).getAttributes().get(SharedSpans.ERROR_TYPE)).isEqualTo("upstream_circuit_open");
        SpanData serverSpan = ExportedSpans.trace(spans, traceId).ofKind(SpanKind.SERVER);
        assertThat(serverSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void anOpenBreakerShowsInTheMetrics() {
        openReportServicesBreaker();
        given().header("Authorization", STUDENT_BEARER).get("/api/reports/stats").then().statusCode(503);

        String metrics = given().get("/q/metrics").asString();
        assertThat(PrometheusText.sum(metrics, "learnhub_gateway_upstream_circuit_open", "upstream=\"report-service\"")).isEqualTo(1.0);
        assertThat(PrometheusText.sum(metrics, "learnhub_gateway_upstream_circuit_rejected_total", "upstream=\"report-service\""))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(PrometheusText.sum(metrics, "learnhub_gateway_upstream_circuit_open", "upstream=\"payment-service\"")).isZero();
    }

    @Test
    void afterItsDelayTheBreakerLetsATrialCallThrough() {
        openReportServicesBreaker();

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(this::reportServiceWasCalled);
    }

    /** Whether a request's attempts included a real call (refused: report-service is still down). */
    private boolean reportServiceWasCalled() {
        Response response = given().header("Authorization", STUDENT_BEARER).get("/api/reports/stats");
        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        return ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER).ofKind(GATEWAY, SpanKind.CLIENT).stream()
                .anyMatch(attempt -> "upstream_unavailable".equals(attempt.getAttributes().get(SharedSpans.ERROR_TYPE)));
    }

    private void openReportServicesBreaker() {
        for (int request = 0; request < 2; request++) {
            given().header("Authorization", STUDENT_BEARER).get("/api/reports/stats").then().statusCode(502);
        }
    }
}
