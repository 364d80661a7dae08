package io.learnhub.chat.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/** The spans of one trace as exported so far, waited for with short polls. */
public final class ExportedSpans {

    public static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey(CorrelationId.SPAN_ATTRIBUTE);

    private final List<SpanData> spans;

    private ExportedSpans(List<SpanData> spans) {
        this.spans = spans;
    }

    /** Waits until the trace has a span of each given name, then returns all its spans exported so far. */
    public static ExportedSpans awaitTrace(InMemorySpanExporter exporter, String traceId, String... names) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> new ExportedSpans(exporter.getFinishedSpanItems().stream()
                        .filter(span -> span.getTraceId().equals(traceId))
                        .toList()),
                        trace -> Arrays.stream(names).allMatch(name -> trace.find(name).isPresent()));
    }

    /** Waits until the trace has a span of the given kind, then returns all its spans exported so far. */
    public static ExportedSpans awaitTrace(InMemorySpanExporter exporter, String traceId, SpanKind kind) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> new ExportedSpans(exporter.getFinishedSpanItems().stream()
                        .filter(span -> span.getTraceId().equals(traceId))
                        .toList()),
                        trace -> trace.all().stream().anyMatch(span -> span.getKind() == kind));
    }

    public List<SpanData> all() {
        return spans;
    }

    public Optional<SpanData> find(String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst();
    }

    public SpanData named(String name) {
        return find(name).orElseThrow(() -> new AssertionError("no span named " + name + " in " + names()));
    }

    public List<SpanData> allNamed(String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).toList();
    }

    public SpanData ofKind(SpanKind kind) {
        return spans.stream().filter(span -> span.getKind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " span in " + names()));
    }

    public List<String> names() {
        return spans.stream().map(SpanData::getName).toList();
    }
}
