package io.learnhub.gateway.tracing;

import static io.opentelemetry.semconv.HttpAttributes.HTTP_REQUEST_METHOD;
import static io.opentelemetry.semconv.HttpAttributes.HTTP_RESPONSE_STATUS_CODE;
import static io.opentelemetry.semconv.ServerAttributes.SERVER_ADDRESS;
import static io.opentelemetry.semconv.ServerAttributes.SERVER_PORT;
import static io.opentelemetry.semconv.UrlAttributes.URL_FULL;
import static io.opentelemetry.semconv.UrlAttributes.URL_QUERY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Each upstream call is exactly one CLIENT span (the gateway's own; Quarkus' Vert.x tracer is off
 * for its client, so there is no duplicate), a child of the server span, with HTTP
 * semantic-convention attributes.
 */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class ClientSpanTest {

    private static final String GATEWAY = "gateway";

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    private static final AttributeKey<String> CORRELATION_ID = SharedSpans.CORRELATION_ID;

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void eachUpstreamCallIsOneClientSpanChildOfTheServerSpan() {
        Response response = given().header("Authorization", STUDENT_BEARER).get("/api/chat/rooms");

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        SpanData serverSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER).ofKind(SpanKind.SERVER);
        List<SpanData> clientSpans = ExportedSpans.awaitTrace(spans, traceId, SpanKind.CLIENT).ofKind(GATEWAY, SpanKind.CLIENT);
        assertThat(clientSpans).hasSize(1);
        assertThat(clientSpans.get(0).getParentSpanId()).isEqualTo(serverSpan.getSpanId());
        assertThat(ExportedSpans.trace(spans, traceId).spans()).hasSize(2);
    }

    @Test
    void clientSpanCarriesHttpSemanticConventionAttributes() {
        Response response = given().header("Authorization", STUDENT_BEARER)
                .get("/api/payments/courses/c0ffee00-0000-4000-8000-000000000001/materials?page=2");

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        SpanData clientSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.CLIENT).ofKind(GATEWAY, SpanKind.CLIENT).get(0);
        assertThat(clientSpan.getName()).isEqualTo("GET");
        assertThat(clientSpan.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(clientSpan.getAttributes().get(HTTP_REQUEST_METHOD)).isEqualTo("GET");
        assertThat(clientSpan.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
        assertThat(clientSpan.getAttributes().get(SERVER_ADDRESS)).isEqualTo(RecordingUpstreamResource.PAYMENTS_HOST);
        assertThat(clientSpan.getAttributes().get(SERVER_PORT)).isEqualTo((long) upstream.port());
        assertThat(clientSpan.getAttributes().get(URL_FULL)).isEqualTo("http://" + RecordingUpstreamResource.PAYMENTS_HOST + ":"
                + upstream.port() + "/api/payments/courses/c0ffee00-0000-4000-8000-000000000001/materials?page=2");
    }

    @Test
    void serverAndClientSpansCarryTheCorrelationId() {
        String correlationId = "test-" + UUID.randomUUID();

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get("/api/reports/stats");

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        SpanData serverSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER).ofKind(SpanKind.SERVER);
        SpanData clientSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.CLIENT).ofKind(GATEWAY, SpanKind.CLIENT).get(0);
        assertThat(serverSpan.getAttributes().get(CORRELATION_ID)).isEqualTo(correlationId);
        assertThat(clientSpan.getAttributes().get(CORRELATION_ID)).isEqualTo(correlationId);
    }

    @Test
    void querySecretsAreRedactedFromSpansButForwarded() {
        String correlationId = "test-" + UUID.randomUUID();

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .get("/api/reports/stats?teacherId=1001&access_token=s3cr3t-t0ken&Signature=abc123");

        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        SpanData serverSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER).ofKind(SpanKind.SERVER);
        SpanData clientSpan = ExportedSpans.awaitTrace(spans, traceId, SpanKind.CLIENT).ofKind(GATEWAY, SpanKind.CLIENT).get(0);
        assertThat(clientSpan.getAttributes().get(URL_FULL))
                .endsWith("/api/reports/stats?teacherId=1001&access_token=REDACTED&Signature=REDACTED");
        assertThat(serverSpan.getAttributes().get(URL_QUERY))
                .isEqualTo("teacherId=1001&access_token=REDACTED&Signature=REDACTED");
        assertThat(upstream.awaitRequest(correlationId).query())
                .isEqualTo("teacherId=1001&access_token=s3cr3t-t0ken&Signature=abc123");
    }
}
