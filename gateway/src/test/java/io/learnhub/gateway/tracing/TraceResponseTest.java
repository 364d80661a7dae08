package io.learnhub.gateway.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.learnhub.testing.ExportedSpans;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Every response names the gateway's server span in a W3C traceresponse header. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class TraceResponseTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void traceresponseNamesTheServerSpanOfAProxiedRequest() {
        Response response = given().header("Authorization", STUDENT_BEARER).get("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(200);
        TraceResponseHeader traceResponse = TraceResponseHeader.parse(response.header("traceresponse"));
        SpanData serverSpan = ExportedSpans.awaitTrace(spans, traceResponse.traceId(), SpanKind.SERVER).ofKind(SpanKind.SERVER);
        assertThat(traceResponse.spanId()).isEqualTo(serverSpan.getSpanId());
        assertThat(traceResponse.flags()).isEqualTo(serverSpan.getSpanContext().getTraceFlags().asHex());
        assertThat(serverSpan.getResource().getAttribute(io.opentelemetry.semconv.ServiceAttributes.SERVICE_NAME))
                .isEqualTo("gateway");
    }

    @Test
    void traceresponseNamesTheServerSpanOfARejectedRequest() {
        Response response = given().get("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(401);
        TraceResponseHeader traceResponse = TraceResponseHeader.parse(response.header("traceresponse"));
        assertThat(traceResponse.spanId())
                .isEqualTo(ExportedSpans.awaitTrace(spans, traceResponse.traceId(), SpanKind.SERVER).ofKind(SpanKind.SERVER).getSpanId());
    }

    @Test
    void traceresponseIsSentWithA404() {
        Response response = given().header("Authorization", STUDENT_BEARER).get("/api/nowhere");

        assertThat(response.statusCode()).isEqualTo(404);
        TraceResponseHeader traceResponse = TraceResponseHeader.parse(response.header("traceresponse"));
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(traceResponse.traceId());
    }

    @Test
    void traceresponseIsSentOutsideTheApiToo() {
        Response response = given().get("/not-a-gateway-route");

        assertThat(response.statusCode()).isEqualTo(404);
        TraceResponseHeader.parse(response.header("traceresponse"));
    }
}
