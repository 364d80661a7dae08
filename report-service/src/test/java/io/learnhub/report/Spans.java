package io.learnhub.report;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/** Reading the spans the application exported to the in-memory exporter. */
public final class Spans {

    public static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("correlation_id");
    public static final AttributeKey<String> TEACHER_ID = AttributeKey.stringKey(ReportTracing.TEACHER_ID);
    public static final AttributeKey<String> INVOICE_ID = AttributeKey.stringKey(ReportTracing.INVOICE_ID);
    public static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey(ReportTracing.CACHE_HIT);
    public static final AttributeKey<Boolean> EVENT_DUPLICATE = AttributeKey.booleanKey(ReportTracing.EVENT_DUPLICATE);

    private Spans() {
    }

    /** The finished spans matching the filter, oldest first. */
    public static List<SpanData> finished(InMemorySpanExporter exporter, Predicate<SpanData> filter) {
        return exporter.getFinishedSpanItems().stream()
                .filter(filter)
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .toList();
    }

    /** Waits until {@code count} finished spans match the filter, and returns them oldest first. */
    public static List<SpanData> awaitFinished(InMemorySpanExporter exporter, int count, Predicate<SpanData> filter) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> finished(exporter, filter).size() >= count);
        return finished(exporter, filter);
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
}
