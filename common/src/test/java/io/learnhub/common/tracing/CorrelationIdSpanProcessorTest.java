package io.learnhub.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

class CorrelationIdSpanProcessorTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(new CorrelationIdSpanProcessor())
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    private final Tracer tracer = tracerProvider.get("test");

    @AfterEach
    void shutdown() {
        tracerProvider.close();
    }

    @Test
    void stampsTheBaggageCorrelationIdOnSpansAndTheirChildren() {
        Context request = CorrelationId.withCorrelationId(Context.root(), "req-7");
        Span parent = tracer.spanBuilder("parent").setParent(request).startSpan();
        try (Scope ignored = request.with(parent).makeCurrent()) {
            tracer.spanBuilder("child").startSpan().end();
        } finally {
            parent.end();
        }

        assertThat(exporter.getFinishedSpanItems())
                .extracting(span -> span.getAttributes().get(SharedSpans.CORRELATION_ID))
                .containsExactly("req-7", "req-7");
    }

    @Test
    void leavesSpansWithoutACorrelationIdUntouched() {
        tracer.spanBuilder("background").setParent(Context.root()).startSpan().end();

        assertThat(exporter.getFinishedSpanItems()).singleElement()
                .satisfies(span -> assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID)).isNull());
    }
}
