package io.learnhub.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/** Reads one trace's spans from the in-memory exporter, waiting for the ones a test needs. */
public final class ExportedSpans {

    private ExportedSpans() {
    }

    public static List<SpanData> ofTrace(InMemorySpanExporter exporter, String traceId) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
    }

    /** The gateway's server span of the trace, once exported. */
    public static SpanData awaitServerSpan(InMemorySpanExporter exporter, String traceId) {
        return awaitSpans(exporter, traceId, SpanKind.SERVER, 1).get(0);
    }

    /** The trace's spans of one kind, once at least {@code count} of them are exported. */
    public static List<SpanData> awaitSpans(InMemorySpanExporter exporter, String traceId, SpanKind kind, int count) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> ofTrace(exporter, traceId).stream().filter(span -> span.getKind() == kind).toList(),
                        spans -> spans.size() >= count);
    }
}
