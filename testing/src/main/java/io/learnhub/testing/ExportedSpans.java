package io.learnhub.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * What a service under test exported to its {@link InMemorySpanExporter}, waited for with short
 * polls: spans arrive in batches, a little after the request or record that caused them.
 */
public final class ExportedSpans {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(50);

    private ExportedSpans() {
    }

    /** The trace's spans exported so far. */
    public static TraceTree trace(InMemorySpanExporter exporter, String traceId) {
        return new TraceTree(exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList());
    }

    /** Waits until the trace's spans satisfy {@code complete}, then returns all of them exported so far. */
    public static TraceTree awaitTrace(InMemorySpanExporter exporter, String traceId, Predicate<TraceTree> complete) {
        return await("trace " + traceId).atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> trace(exporter, traceId), complete);
    }

    /** Waits until the trace has a span of each given name. */
    public static TraceTree awaitTrace(InMemorySpanExporter exporter, String traceId, String... names) {
        return awaitTrace(exporter, traceId, trace -> Arrays.stream(names).allMatch(name -> trace.find(name).isPresent()));
    }

    /** Waits until the trace has a span of the given kind. */
    public static TraceTree awaitTrace(InMemorySpanExporter exporter, String traceId, SpanKind kind) {
        return awaitTrace(exporter, traceId, trace -> trace.spans().stream().anyMatch(span -> span.getKind() == kind));
    }

    /** The exported spans that match, oldest first, across traces. */
    public static List<SpanData> matching(InMemorySpanExporter exporter, Predicate<SpanData> filter) {
        return exporter.getFinishedSpanItems().stream()
                .filter(filter)
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .toList();
    }

    /** Waits until at least {@code count} exported spans match, and returns them oldest first. */
    public static List<SpanData> awaitMatching(InMemorySpanExporter exporter, int count, Predicate<SpanData> filter) {
        return await().atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> matching(exporter, filter), spans -> spans.size() >= count);
    }

    public static Predicate<SpanData> named(String name) {
        return span -> span.getName().equals(name);
    }

    public static <T> Predicate<SpanData> with(AttributeKey<T> key, T value) {
        return span -> value.equals(span.getAttributes().get(key));
    }

    public static Predicate<SpanData> inTrace(String traceId) {
        return span -> span.getTraceId().equals(traceId);
    }

    public static Predicate<SpanData> ofKind(SpanKind kind) {
        return span -> span.getKind() == kind;
    }
}
