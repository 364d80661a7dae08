package io.learnhub.common.tracing;

import jakarta.inject.Singleton;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Stamps {@code correlation_id} ({@link SharedSpans#CORRELATION_ID}) on every span whose parent context carries the
 * correlation id in its baggage: HTTP server spans of downstream services, Kafka consumer spans,
 * and every span started inside a request or message. Quarkus registers SpanProcessor beans with
 * the SDK.
 */
@Singleton
public class CorrelationIdSpanProcessor implements SpanProcessor {

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        CorrelationId.from(parentContext)
                .ifPresent(correlationId -> span.setAttribute(SharedSpans.CORRELATION_ID, correlationId));
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
}
