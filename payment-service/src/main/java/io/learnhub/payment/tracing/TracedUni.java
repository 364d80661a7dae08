package io.learnhub.payment.tracing;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.ApiException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * Runs a reactive step inside a business span whose parent is given explicitly.
 *
 * <p>Explicit parents, rather than whatever context is current when a callback runs, keep the
 * span tree right across the asynchronous hops of a pipeline (database round trips, Kafka acks)
 * and let the outbox relay hang a span under a trace context restored from a database row. The
 * step receives the new span's context to pass on to its own children; that context is also
 * current while the step assembles its pipeline. A failure marks the span ERROR and records the
 * exception; the span ends when the step terminates.
 */
@ApplicationScoped
public class TracedUni {

    private final Tracer tracer;

    public TracedUni(Tracer tracer) {
        this.tracer = tracer;
    }

    public <T> Uni<T> inSpan(String name, Context parent, Function<Context, Uni<T>> step) {
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder(name).setParent(parent).startSpan();
            Context context = parent.with(span);
            Uni<T> pipeline;
            try (Scope ignored = context.makeCurrent()) {
                pipeline = step.apply(context);
            } catch (RuntimeException e) {
                pipeline = Uni.createFrom().failure(e);
            }
            return pipeline.onTermination().invoke((item, failure, cancelled) -> {
                if (failure != null) {
                    markFailed(span, failure);
                }
                span.end();
            });
        });
    }

    /** Status ERROR, the exception recorded and {@code error.type} set: Jaeger then shows error=true. */
    public static void markFailed(Span span, Throwable failure) {
        String type = failure instanceof ApiException apiException ? apiException.error() : failure.getClass().getName();
        span.recordException(failure);
        span.setAttribute(PaymentSpans.ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }
}
