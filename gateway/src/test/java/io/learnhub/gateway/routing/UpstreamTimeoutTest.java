package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.testing.ExportedSpans;
import io.learnhub.gateway.testing.InjectRecordingUpstream;
import io.learnhub.gateway.testing.RecordingUpstream;
import io.learnhub.gateway.testing.RecordingUpstreamResource;
import io.learnhub.gateway.testing.Tokens;
import io.learnhub.gateway.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** An upstream that stays silent longer than gateway.client.request-timeout (2 s in %test) yields 504. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class UpstreamTimeoutTest {

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void slowUpstreamAnswers504WithErrorBody() {
        String correlationId = "test-" + UUID.randomUUID();

        Response response = given().header("Authorization", Tokens.bearer()).header(CorrelationId.HEADER, correlationId)
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
        Response response = given().header("Authorization", Tokens.bearer())
                .get("/api/reports" + RecordingUpstream.SLOW_SUFFIX);

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        SpanData clientSpan = ExportedSpans.awaitSpans(spans, traceId, SpanKind.CLIENT, 1).get(0);
        assertThat(clientSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(clientSpan.getEvents()).anyMatch(event -> event.getName().equals("exception"));
        assertThat(ExportedSpans.awaitServerSpan(spans, traceId).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }
}
