package io.learnhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** The receiver decodes what a real OpenTelemetry SDK exporter sends, as the services' exporters will. */
class OtlpReceiverTest {

    private OtlpReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = OtlpReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "gzip", "none" })
    void decodesSpansExportedByTheSdkExporter(String compression) {
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(
                        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "payment-service"))))
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
                        .setEndpoint(receiver.endpoint() + OtlpReceiver.TRACES_PATH)
                        .setCompression(compression)
                        .build()))
                .build();
        Tracer tracer = tracerProvider.get("e2e");

        Span parent = tracer.spanBuilder("process_payment_webhook").setSpanKind(SpanKind.SERVER).startSpan();
        Span child;
        try (Scope ignored = parent.makeCurrent()) {
            child = tracer.spanBuilder("verify_signature").startSpan();
            child.setAttribute("valid", false);
            child.setAttribute("correlation_id", "e2e-1");
            child.setAttribute("materials_count", 3L);
            child.setAttribute("ratio", 0.5);
            child.setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"));
            child.addEvent("room_created");
            child.setStatus(StatusCode.ERROR, "bad signature");
            child.end();
        }
        parent.end();
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        tracerProvider.shutdown().join(10, TimeUnit.SECONDS);

        String traceId = parent.getSpanContext().getTraceId();
        List<ReceivedSpan> spans = receiver.awaitTraceWithServices(traceId, Set.of("payment-service"), Duration.ofSeconds(5));
        receiver.awaitTrace(traceId, received -> received.size() == 2, Duration.ofSeconds(5));
        spans = receiver.spansOfTrace(traceId);

        ReceivedSpan root = spans.stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow();
        assertThat(root.name()).isEqualTo("process_payment_webhook");
        assertThat(root.kind()).isEqualTo(ReceivedSpan.Kind.SERVER);
        assertThat(root.spanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(root.serviceName()).isEqualTo("payment-service");

        ReceivedSpan verify = spans.stream().filter(span -> !span.isRoot()).findFirst().orElseThrow();
        assertThat(verify.traceId()).isEqualTo(traceId).hasSize(32);
        assertThat(verify.spanId()).isEqualTo(child.getSpanContext().getSpanId()).hasSize(16);
        assertThat(verify.parentSpanId()).isEqualTo(root.spanId());
        assertThat(verify.kind()).isEqualTo(ReceivedSpan.Kind.INTERNAL);
        assertThat(verify.status()).isEqualTo(ReceivedSpan.Status.ERROR);
        assertThat(verify.statusMessage()).isEqualTo("bad signature");
        assertThat(verify.attribute("valid")).isEqualTo(false);
        assertThat(verify.attributeText("valid")).isEqualTo("false");
        assertThat(verify.attribute("correlation_id")).isEqualTo("e2e-1");
        assertThat(verify.attribute("materials_count")).isEqualTo(3L);
        assertThat(verify.attribute("ratio")).isEqualTo(0.5);
        assertThat(verify.attribute("tags")).isEqualTo(List.of("a", "b"));
        assertThat(verify.eventNames()).containsExactly("room_created");
        assertThat(verify.endEpochNanos()).isGreaterThanOrEqualTo(verify.startEpochNanos());
        assertThat(receiver.rejectedRequests()).isZero();
        assertThat(receiver.gzipRequests()).isEqualTo(compression.equals("gzip") ? 2 : 0);
    }

    @Test
    void rejectsOtlpJsonInsteadOfDroppingIt() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(receiver.endpoint() + OtlpReceiver.TRACES_PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\":[]}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(receiver.rejectedRequests()).isEqualTo(1);
        assertThat(receiver.spans()).isEmpty();
    }
}
