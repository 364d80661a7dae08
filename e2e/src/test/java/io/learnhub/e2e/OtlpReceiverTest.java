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

import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** The receiver decodes what a real OpenTelemetry SDK exporter sends over OTLP/gRPC, as the services' exporters do. */
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
    void decodesSpansExportedByTheSdkGrpcExporter(String compression) {
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(
                        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "payment-service"))))
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder()
                        .setEndpoint(receiver.endpoint())
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
            child.addEvent("room_created", Attributes.of(AttributeKey.stringKey("room.id"), "r-1"));
            child.setStatus(StatusCode.ERROR, "bad signature");
            child.end();
        }
        parent.end();
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        tracerProvider.shutdown().join(10, TimeUnit.SECONDS);

        String traceId = parent.getSpanContext().getTraceId();
        receiver.awaitTraceWithServices(traceId, Set.of("payment-service"), Duration.ofSeconds(5));
        TraceTree trace = receiver.awaitTrace(traceId, received -> received.spans().size() == 2, Duration.ofSeconds(5));

        SpanData root = trace.roots().get(0);
        assertThat(root.getName()).isEqualTo("process_payment_webhook");
        assertThat(root.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(root.getSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(TraceTree.serviceName(root)).isEqualTo("payment-service");

        SpanData verify = trace.named("verify_signature");
        assertThat(verify.getTraceId()).isEqualTo(traceId).hasSize(32);
        assertThat(verify.getSpanId()).isEqualTo(child.getSpanContext().getSpanId()).hasSize(16);
        assertThat(verify.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(trace.parentOf(verify)).contains(root);
        assertThat(verify.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(verify.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(verify.getStatus().getDescription()).isEqualTo("bad signature");
        assertThat(verify.getAttributes().get(AttributeKey.booleanKey("valid"))).isFalse();
        assertThat(verify.getAttributes().get(AttributeKey.stringKey("correlation_id"))).isEqualTo("e2e-1");
        assertThat(verify.getAttributes().get(AttributeKey.longKey("materials_count"))).isEqualTo(3L);
        assertThat(verify.getAttributes().get(AttributeKey.doubleKey("ratio"))).isEqualTo(0.5);
        assertThat(verify.getAttributes().get(AttributeKey.stringArrayKey("tags"))).containsExactly("a", "b");
        assertThat(verify.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("room_created");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("room.id"))).isEqualTo("r-1");
        });
        assertThat(verify.getEndEpochNanos()).isGreaterThanOrEqualTo(verify.getStartEpochNanos());
        assertThat(receiver.rejectedRequests()).isZero();
        assertThat(receiver.gzipRequests()).isEqualTo(compression.equals("gzip") ? 2 : 0);
    }

    /** OTLP/HTTP is legal elsewhere, but the services must export exactly as in production: refused, and counted. */
    @Test
    void rejectsOtlpHttpInsteadOfDroppingIt() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/traces"))
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(receiver.rejectedRequests()).isEqualTo(1);
        assertThat(receiver.spans()).isEmpty();
    }
}
