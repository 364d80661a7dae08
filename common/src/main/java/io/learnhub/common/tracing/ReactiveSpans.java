package io.learnhub.common.tracing;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.ApiException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * Runs a reactive step inside a business span, for spans that need more than {@code @WithSpan}
 * gives: a span around part of a method, attributes or events decided along the way, an explicit
 * parent, a failure marked with its API error code. The rule for choosing between the two is in
 * docs/architecture.md ("Writing spans").
 *
 * <p>The span starts when the returned {@code Uni} is subscribed and its context stays current
 * until the step terminates, not merely while the step assembles its pipeline. Hibernate
 * Reactive, Redis and Kafka start their client spans lazily, at subscription or in a later
 * continuation, and take the current context as parent: a scope held until termination makes
 * them children of this span instead of the enclosing HTTP server span. The scope is closed in the
 * termination callback, possibly on another thread (a Kafka acknowledgement, say); that is safe
 * because Quarkus keeps the current context on the Vert.x duplicated context, and the scope
 * restores the previous context there. Subscribe on a duplicated context (requests, messages and
 * scheduled jobs all run on one): elsewhere OpenTelemetry falls back to a thread local, which a
 * scope closed on another thread cannot restore.
 *
 * <p>One limit: after each Mutiny callback, SmallRye Context Propagation puts back the context
 * that was current before it (between callbacks, usually the server span). Mutiny continuations
 * see this span all the same, but a library continuing from its own callbacks does not: Hibernate
 * Reactive sends the second and later statements of one flush that way, so their spans hang under
 * the server span unless the flush happens inside the step, one statement at a time.
 *
 * <p>Both forms behave the same; they differ in where the parent comes from. A failure marks the
 * span as {@linkplain #markFailed failed}; a cancellation ends it without an error status.
 */
@ApplicationScoped
public class ReactiveSpans {

    private final Tracer tracer;

    public ReactiveSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * A span whose parent is the context current when the {@code Uni} is subscribed. The step
     * receives the span to add attributes and events to.
     */
    public <T> Uni<T> inSpan(String name, Function<Span, Uni<T>> step) {
        return Uni.createFrom().deferred(() -> run(name, Context.current(), context -> step.apply(Span.fromContext(context))));
    }

    /**
     * A span under an explicit parent: a context restored from a database row or a message, or
     * one handed down a pipeline so that a later step does not depend on what happens to be
     * current. The step receives the new span's context to pass on to its own children.
     */
    public <T> Uni<T> inSpan(String name, Context parent, Function<Context, Uni<T>> step) {
        Objects.requireNonNull(parent, "parent");
        return Uni.createFrom().deferred(() -> run(name, parent, step));
    }

    /**
     * Runs housekeeping that must leave no trace (a periodic refresh, a keep-alive): under a span
     * context that is valid but not sampled, so the parent-based sampler drops every span the step's
     * clients (Redis, PostgreSQL) would start, instead of each becoming a root trace of its own,
     * without a correlation id, every few seconds.
     */
    public <T> Uni<T> untraced(Supplier<Uni<T>> step) {
        return Uni.createFrom().deferred(() -> withCurrent(notRecorded(), step));
    }

    /**
     * Runs the step with {@code context} current from subscription until the step terminates: the
     * scope that {@link #inSpan} gives a span it starts, for a context made elsewhere (a restored
     * one, or a span started by hand whose id was needed before its work began).
     */
    public static <T> Uni<T> withCurrent(Context context, Supplier<Uni<T>> step) {
        return Uni.createFrom().deferred(() -> {
            Scope scope = context.makeCurrent();
            Uni<T> pipeline;
            try {
                pipeline = Objects.requireNonNull(step.get(), "the step returned no Uni");
            } catch (RuntimeException e) {
                pipeline = Uni.createFrom().failure(e);
            }
            return pipeline.onTermination().invoke(scope::close);
        });
    }

    private static Context notRecorded() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String spanId = traceId.substring(0, 16);
        return Context.root().with(Span.wrap(
                SpanContext.create(traceId, spanId, TraceFlags.getDefault(), TraceState.getDefault())));
    }

    /**
     * Status ERROR, the exception recorded and {@link SharedSpans#ERROR_TYPE} set to the API error code or
     * the exception's class: Jaeger then shows the span as failed, and why, without a stack trace.
     */
    public static void markFailed(Span span, Throwable failure) {
        String type = failure instanceof ApiException apiException ? apiException.error() : failure.getClass().getName();
        span.recordException(failure);
        span.setAttribute(SharedSpans.ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }

    private <T> Uni<T> run(String name, Context parent, Function<Context, Uni<T>> step) {
        Span span = tracer.spanBuilder(name).setParent(parent).startSpan();
        Context context = parent.with(span);
        Scope scope = context.makeCurrent();
        Uni<T> pipeline;
        try {
            pipeline = Objects.requireNonNull(step.apply(context), "the step returned no Uni");
        } catch (RuntimeException e) {
            pipeline = Uni.createFrom().failure(e);
        }
        return pipeline.onTermination().invoke((item, failure, cancelled) -> {
            try {
                if (failure != null) {
                    markFailed(span, failure);
                }
                span.end();
            } finally {
                scope.close();
            }
        });
    }
}
