package io.learnhub.gateway.web;

import static io.learnhub.testing.ExportedSpans.inTrace;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceParent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code POST /web/v1/traces}: a browser's OTLP/JSON spans reach the gateway's exporter as they
 * were sent, as service {@code web} whatever the browser claims, without the user agent; anything
 * that is not such spans is a 400 with the error body, and an oversized body a 413.
 */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class BrowserSpansTest {

    private static final String TRACES = "/web/v1/traces";

    @Inject
    InMemorySpanExporter spans;

    /** Two spans as OpenTelemetry JS's OTLP/HTTP JSON exporter writes them: a click, and a fetch under it. */
    private static String clickAndFetch(TraceParent click, String fetchSpanId) {
        return """
                {"resourceSpans":[{"resource":{"attributes":[
                   {"key":"service.name","value":{"stringValue":"payment-service"}},
                   {"key":"telemetry.sdk.language","value":{"stringValue":"webjs"}},
                   {"key":"process.owner","value":{"stringValue":"someone"}}],"droppedAttributesCount":0},
                 "scopeSpans":[{"scope":{"name":"learnhub-web","version":"1.0.0"},"spans":[
                   {"traceId":"%1$s","spanId":"%2$s","name":"click send","kind":1,
                    "startTimeUnixNano":"1764230400000000000","endTimeUnixNano":"1764230400250000000",
                    "attributes":[{"key":"correlation_id","value":{"stringValue":"click-1"}},
                                  {"key":"user.id","value":{"stringValue":"2001"}}],
                    "droppedAttributesCount":0,"events":[],"droppedEventsCount":0,"status":{"code":0},"links":[],"droppedLinksCount":0},
                   {"traceId":"%1$s","spanId":"%3$s","parentSpanId":"%2$s","name":"HTTP POST","kind":3,
                    "startTimeUnixNano":"1764230400010000000","endTimeUnixNano":"1764230400200000000",
                    "attributes":[{"key":"http.status_code","value":{"intValue":500}},
                                  {"key":"http.user_agent","value":{"stringValue":"Mozilla/5.0"}}],
                    "events":[{"timeUnixNano":"1764230400020000000","name":"fetchStart","attributes":[]}],
                    "status":{"code":2,"message":"Internal Server Error"},"links":[]}]}]}]}
                """.formatted(click.traceId(), click.spanId(), fetchSpanId);
    }

    private static Response post(String body) {
        return given().contentType("application/json").body(body).post(TRACES);
    }

    @Test
    void spansReachTheExporterAsServiceWebWithTheirParentsAndAttributes() {
        TraceParent click = TraceParent.random();
        String fetchSpanId = TraceParent.random().spanId();

        post(clickAndFetch(click, fetchSpanId)).then().statusCode(200);

        List<SpanData> exported = ExportedSpans.awaitMatching(spans, 2, inTrace(click.traceId()));
        SpanData clickSpan = exported.stream().filter(span -> span.getName().equals("click send")).findFirst().orElseThrow();
        SpanData fetch = exported.stream().filter(span -> span.getName().equals("HTTP POST")).findFirst().orElseThrow();
        assertThat(clickSpan.getSpanId()).isEqualTo(click.spanId());
        assertThat(clickSpan.getParentSpanContext().isValid()).isFalse();
        assertThat(clickSpan.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(clickSpan.getAttributes().get(AttributeKey.stringKey("correlation_id"))).isEqualTo("click-1");
        assertThat(clickSpan.getEndEpochNanos() - clickSpan.getStartEpochNanos()).isEqualTo(250_000_000L);
        assertThat(clickSpan.getInstrumentationScopeInfo().getName()).isEqualTo("learnhub-web");

        assertThat(fetch.getSpanId()).isEqualTo(fetchSpanId);
        assertThat(fetch.getParentSpanId()).isEqualTo(click.spanId());
        assertThat(fetch.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(fetch.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(fetch.getAttributes().get(AttributeKey.longKey("http.status_code"))).isEqualTo(500L);
        assertThat(fetch.getAttributes().get(AttributeKey.stringKey("http.user_agent"))).as("no user agent").isNull();
        assertThat(fetch.getEvents()).extracting(event -> event.getName()).containsExactly("fetchStart");

        for (SpanData span : exported) {
            assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("web");
            assertThat(span.getResource().getAttribute(AttributeKey.stringKey("telemetry.sdk.language"))).isEqualTo("webjs");
            assertThat(span.getResource().getAttribute(AttributeKey.stringKey("process.owner"))).isNull();
        }
    }

    @Test
    void spansThatAreNotOtlpJsonAre400WithTheErrorBody() {
        TraceParent click = TraceParent.random();
        String valid = clickAndFetch(click, TraceParent.random().spanId());
        for (String invalid : List.of("{}", "[]", valid.replace(click.traceId(), "0".repeat(32)), valid.replace(click.traceId(), "xyz"),
                valid.replace("\"click send\"", "\"\""), valid.replace("\"1764230400250000000\"", "\"1\""),
                valid.replace("\"1764230400250000000\"", "\"soon\""))) {
            Response response = post(invalid);

            assertThat(response.statusCode()).as(invalid).isEqualTo(400);
            assertThat(response.jsonPath().getString("error")).as(invalid).isEqualTo("validation_failed");
            assertThat(response.jsonPath().getString("correlationId")).as(invalid).isNotBlank();
        }
        Response malformed = post("{\"resourceSpans\":[");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.jsonPath().getString("error")).isEqualTo("malformed_json");
        assertThat(ExportedSpans.matching(spans, inTrace(click.traceId()))).isEmpty();
    }

    @Test
    void tooManySpansInOneRequestAre400() {
        TraceParent trace = TraceParent.random();
        StringBuilder many = new StringBuilder("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[");
        for (int span = 0; span <= 512; span++) {
            many.append(span == 0 ? "" : ",").append("{\"traceId\":\"").append(trace.traceId()).append("\",\"spanId\":\"")
                    .append(TraceParent.random().spanId()).append("\",\"name\":\"s\",\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}");
        }
        many.append("]}]}]}");

        Response response = post(many.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("message")).contains("512");
    }

    @Test
    void aBodyOver256KiBIs413BeforeItIsRead() {
        Response response = given().contentType("application/json").body(new byte[256 * 1024 + 1]).post(TRACES);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.jsonPath().getString("error")).isEqualTo("payload_too_large");
    }

    @Test
    void aChunkedBodyOver256KiBIs413Too() {
        Response response = given().contentType("application/json")
                .body(new java.io.ByteArrayInputStream(new byte[256 * 1024 + 1])).post(TRACES);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.jsonPath().getString("error")).isEqualTo("payload_too_large");
    }

    @Test
    void aCorrelationIdThatBreaksTheRuleIsDropped() {
        TraceParent click = TraceParent.random();

        post(clickAndFetch(click, TraceParent.random().spanId()).replace("\"click-1\"", "\"not acceptable\"")).then().statusCode(200);

        SpanData clickSpan = ExportedSpans.awaitMatching(spans, 2, inTrace(click.traceId())).stream()
                .filter(span -> span.getName().equals("click send")).findFirst().orElseThrow();
        assertThat(clickSpan.getAttributes().get(AttributeKey.stringKey("correlation_id"))).isNull();
        assertThat(clickSpan.getAttributes().get(AttributeKey.stringKey("user.id"))).isEqualTo("2001");
    }

    @Test
    void theRelayIsNotTracedItself() {
        TraceParent click = TraceParent.random();
        given().contentType("application/json").header("traceparent", click.header())
                .body(clickAndFetch(TraceParent.random(), TraceParent.random().spanId())).post(TRACES).then().statusCode(200);

        TraceParent later = TraceParent.random();
        given().header("traceparent", later.header()).get("/web/config").then().statusCode(200);

        // spans are exported in the order they end: once the later request's is out, the relay's would be too
        ExportedSpans.awaitTrace(spans, later.traceId(), SpanKind.SERVER);
        assertThat(ExportedSpans.matching(spans, inTrace(click.traceId()))).isEmpty();
    }
}
