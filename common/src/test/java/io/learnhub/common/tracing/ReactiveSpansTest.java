package io.learnhub.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.error.NotFoundException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/**
 * Runs the pipelines on a Vert.x duplicated context, as Quarkus does, so that the current
 * OpenTelemetry context lives where it lives in the services (quarkus-opentelemetry's context
 * storage), and completes them from another thread, as a database or Kafka acknowledgement does.
 */
class ReactiveSpansTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(new CorrelationIdSpanProcessor())
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    private final Tracer tracer = tracerProvider.get("test");
    private final ReactiveSpans spans = new ReactiveSpans(tracer);
    private final Vertx vertx = Vertx.vertx();
    private final io.vertx.core.Context duplicated = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutdown() throws Exception {
        otherThread.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        tracerProvider.close();
    }

    @Test
    void spansStartedAfterAnAsynchronousHopAreChildrenOfTheSpan() throws Exception {
        onDuplicatedContext(() -> spans.inSpan("update_invoice", span -> afterAsynchronousHop()
                .invoke(() -> tracer.spanBuilder("UPDATE invoices").startSpan().end())));

        assertThat(finished("UPDATE invoices").getParentSpanId()).isEqualTo(finished("update_invoice").getSpanId());
    }

    @Test
    void spansStartedLazilyAtSubscriptionAreChildrenOfTheSpan() throws Exception {
        onDuplicatedContext(() -> spans.inSpan("update_invoice", span -> Uni.createFrom().item(() -> {
            tracer.spanBuilder("SELECT invoices").startSpan().end();
            return "done";
        })));

        assertThat(finished("SELECT invoices").getParentSpanId()).isEqualTo(finished("update_invoice").getSpanId());
    }

    @Test
    void nestedSpanHangsUnderTheSpanCurrentWhenItIsSubscribed() throws Exception {
        onDuplicatedContext(() -> spans.inSpan("process_payment_webhook",
                outer -> spans.inSpan("update_invoice", inner -> afterAsynchronousHop())));

        assertThat(finished("update_invoice").getParentSpanId()).isEqualTo(finished("process_payment_webhook").getSpanId());
    }

    @Test
    void previousContextIsCurrentAgainOnceThePipelineTerminates() throws Exception {
        Span request = tracer.spanBuilder("request").startSpan();

        Span currentAfterwards = onDuplicatedContext(() -> {
            // left open on purpose: the test's own duplicated context, as a request's server span is
            Context.current().with(request).makeCurrent();
            return spans.inSpan("update_invoice", span -> afterAsynchronousHop()).map(ignored -> Span.current());
        });

        assertThat(currentAfterwards.getSpanContext()).isEqualTo(request.getSpanContext());
    }

    @Test
    void explicitParentIsUsedWhateverIsCurrentAndItsBaggageIsKept() throws Exception {
        SpanContext stored = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        Context restored = CorrelationId.withCorrelationId(Context.root().with(Span.wrap(stored)), "relay-7");

        onDuplicatedContext(() -> spans.inSpan("unrelated", unrelated -> spans.inSpan("queue_hooks", restored,
                context -> afterAsynchronousHop().invoke(() -> tracer.spanBuilder("send").startSpan().end()))));

        SpanData queueHooks = finished("queue_hooks");
        assertThat(queueHooks.getTraceId()).isEqualTo(stored.getTraceId());
        assertThat(queueHooks.getParentSpanId()).isEqualTo(stored.getSpanId());
        assertThat(finished("send").getParentSpanId()).isEqualTo(queueHooks.getSpanId());
        assertThat(List.of(queueHooks, finished("send")))
                .allSatisfy(span -> assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo("relay-7"));
    }

    @Test
    void apiFailureMarksTheSpanWithItsErrorCode() {
        assertThatThrownBy(() -> onDuplicatedContext(() -> spans.inSpan("update_invoice",
                span -> afterAsynchronousHop().chain(() -> Uni.createFrom().failure(new NotFoundException("Invoice", 7))))))
                .hasCauseInstanceOf(NotFoundException.class);

        SpanData span = finished("update_invoice");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(SharedSpans.ERROR_TYPE)).isEqualTo("not_found");
        assertThat(span.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }

    @Test
    void exceptionThrownWhileAssemblingMarksTheSpanWithItsClass() {
        assertThatThrownBy(() -> onDuplicatedContext(() -> spans.<String> inSpan("parse_webhook", span -> {
            throw new IllegalStateException("unreadable");
        }))).hasCauseInstanceOf(IllegalStateException.class);

        SpanData span = finished("parse_webhook");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(SharedSpans.ERROR_TYPE)).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void cancellationEndsTheSpanWithoutAnError() throws Exception {
        CompletableFuture<Cancellable> subscription = new CompletableFuture<>();
        duplicated.runOnContext(ignored -> subscription.complete(spans
                .inSpan("queue_hooks", span -> Uni.createFrom().nothing()).subscribe().with(item -> {
                })));

        subscription.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).cancel();

        assertThat(finished("queue_hooks").getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    }

    /** Completes later, from another thread, and continues on the duplicated context, like a database reply. */
    @Test
    void housekeepingLeavesNoSpansAndNothingCurrentAfterIt() throws Exception {
        onDuplicatedContext(() -> spans.untraced(() -> afterAsynchronousHop()
                .invoke(() -> tracer.spanBuilder("ZADD").startSpan().end())));
        onDuplicatedContext(() -> spans.inSpan("next_request", span -> Uni.createFrom().item("done")));

        assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("next_request");
        assertThat(finished("next_request").getParentSpanContext().isValid()).as("the unsampled context was closed").isFalse();
    }

    private Uni<String> afterAsynchronousHop() {
        return Uni.createFrom().completionStage(() -> CompletableFuture.supplyAsync(() -> "reply", otherThread))
                .emitOn(command -> duplicated.runOnContext(ignored -> command.run()));
    }

    private <T> T onDuplicatedContext(Supplier<Uni<T>> pipeline) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        duplicated.runOnContext(ignored -> pipeline.get().subscribe().with(result::complete, result::completeExceptionally));
        return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private SpanData finished(String name) {
        List<SpanData> named = exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("finished spans named %s", name).hasSize(1);
        return named.get(0);
    }
}
