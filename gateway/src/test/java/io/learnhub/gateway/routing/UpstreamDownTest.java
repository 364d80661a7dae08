package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** report-service is down (its port refuses connections): its routes answer 502, the gateway stays ready. */
@QuarkusTest
@TestProfile(UpstreamDownTest.ReportServiceDown.class)
class UpstreamDownTest {

    private static final String GATEWAY = "gateway";

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    public static class ReportServiceDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("learnhub.gateway.upstream.reports", "http://127.0.0.1:" + closedPort());
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort(); // closed again on return: connecting to it is refused
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
    void refusedUpstreamCallIsOneClientSpanWithError() {
        Response response = given().header("Authorization", STUDENT_BEARER).get("/api/reports/stats");

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        SpanData serverSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER).ofKind(SpanKind.SERVER);
        List<SpanData> clientSpans = ExportedSpans.awaitTrace(spans, traceId, SpanKind.CLIENT).ofKind(GATEWAY, SpanKind.CLIENT);
        assertThat(clientSpans).hasSize(1);
        SpanData clientSpan = clientSpans.get(0);
        assertThat(clientSpan.getParentSpanId()).isEqualTo(serverSpan.getSpanId());
        assertThat(clientSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(clientSpan.getEvents()).anyMatch(event -> event.getName().equals("exception"));
    }

    @Test
    void gatewayStaysReadyWhileAnUpstreamIsDown() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
