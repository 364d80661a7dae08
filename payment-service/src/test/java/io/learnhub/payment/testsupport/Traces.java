package io.learnhub.payment.testsupport;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/** Starts traces from the test (a caller's traceparent) and reads their exported spans back. */
@ApplicationScoped
public class Traces {

    @Inject
    InMemorySpanExporter exporter;

    /** A sampled remote parent: every span the request causes lands in this trace. */
    public record Parent(String traceId, String spanId) {

        public String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }
    }

    public static Parent newParent() {
        return new Parent(randomHex(16), randomHex(8));
    }

    /** The trace's spans, once {@code complete} holds for them (spans are exported in batches). */
    public List<SpanData> await(String traceId, Predicate<List<SpanData>> complete) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> spansOf(traceId), complete);
    }

    public List<SpanData> spansOf(String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    public static SpanData named(List<SpanData> spans, String name) {
        List<SpanData> matching = spans.stream().filter(span -> span.getName().equals(name)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("Expected one span named " + name + " but found " + matching.size() + " in " + names(spans));
        }
        return matching.get(0);
    }

    public static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
