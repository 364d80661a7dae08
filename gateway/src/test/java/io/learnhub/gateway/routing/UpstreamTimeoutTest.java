package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** An upstream that stays silent longer than its route's timeout (reports: 2 s in %test) yields 504. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class UpstreamTimeoutTest {

    private static final String GATEWAY = "gateway";

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void slowUpstreamAnswers504WithErrorBody() {
        String correlationId = "test-" + UUID.randomUUID();

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get("/api/reports" + RecordingUpstream.SLOW_SUFFIX);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.jsonPath().getString("error")).isEqualTo("upstream_timeout");
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(correlationId);
        assertThat(response.jsonPath().getString("traceId"))
                .isEqualTo(TraceResponseHeader.parse(response.header("traceresponse")).traceId());
        assertThat(upstream.hasReceived(correlationId)).isTrue();
    }

    @Test
    void slowUpstreamCallEndsItsClientSpanWithError() {
        Response response = given().header("Authorization", STUDENT_BEARER)
                .get("/api/reports" + RecordingUpstream.SLOW_SUFFIX);

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        SpanData clientSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.CLIENT).ofKind(GATEWAY, SpanKind.CLIENT).get(0);
        assertThat(clientSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(clientSpan.getEvents()).anyMatch(event -> event.getName().equals("exception"));
        assertThat(ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER).ofKind(SpanKind.SERVER).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }
}
