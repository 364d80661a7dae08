package io.learnhub.chat.tracing;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * Runs a reactive pipeline inside a business span when the span needs more than {@code @WithSpan}
 * gives: attributes known only along the way, events, or the error status set on failure.
 *
 * <p>The span is a child of the current context at subscription time and stays current (on the
 * Vert.x duplicated context) until the pipeline terminates, so database, Redis, Kafka and nested
 * business spans started meanwhile are its children and inherit the correlation id baggage.
 */
@ApplicationScoped
public class Spans {

    private final Tracer tracer;

    public Spans(Tracer tracer) {
        this.tracer = tracer;
    }

    public <T> Uni<T> inSpan(String name, Function<Span, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder(name).startSpan();
            Scope scope = span.makeCurrent();
            Uni<T> pipeline;
            try {
                pipeline = work.apply(span);
            } catch (RuntimeException e) {
                pipeline = Uni.createFrom().failure(e);
            }
            return pipeline.onTermination().invoke((item, failure, cancelled) -> {
                try {
                    if (failure != null) {
                        span.recordException(failure);
                        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                    }
                    span.end();
                } finally {
                    scope.close();
                }
            });
        });
    }
}
