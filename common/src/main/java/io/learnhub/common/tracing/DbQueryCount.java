package io.learnhub.common.tracing;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Counts the database statements a unit of work runs, from the spans the PostgreSQL client really
 * starts: a business span opens a counting context ({@link #counting}), every database CLIENT span
 * started under it adds one, and the span records the total as {@code db.query_count}
 * ({@link SharedSpans#DB_QUERY_COUNT}). Quarkus registers this SpanProcessor bean with the SDK.
 * Counting contexts nest: a statement counts in its own counter and in every enclosing one, so a
 * job's span can total what its steps each count. Only recorded (sampled) spans reach a processor,
 * so an unsampled request counts nothing, and has no span to record the count on either.
 */
@Singleton
public class DbQueryCount implements SpanProcessor {

    private static final ContextKey<Counter> COUNTER = ContextKey.named("learnhub-db-query-count");
    /** Semantic conventions: the stable name and the one before it, whichever the instrumentation emits. */
    private static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");

    /**
     * {@code parent} with a fresh counter: database spans started under the result are counted, in
     * it and in any counter {@code parent} already had.
     */
    public static Context counting(Context parent) {
        return parent.with(COUNTER, new Counter(parent.get(COUNTER)));
    }

    /** The statements counted so far in {@code context}'s counter; 0 when it has none. */
    public static long of(Context context) {
        Counter counter = context.get(COUNTER);
        return counter == null ? 0 : counter.count.get();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getKind() == SpanKind.CLIENT
                && (span.getAttribute(DB_SYSTEM_NAME) != null || span.getAttribute(DB_SYSTEM) != null)) {
            for (Counter counter = parentContext.get(COUNTER); counter != null; counter = counter.enclosing) {
                counter.count.incrementAndGet();
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    private record Counter(AtomicLong count, Counter enclosing) {

        Counter(Counter enclosing) {
            this(new AtomicLong(), enclosing);
        }
    }
}
