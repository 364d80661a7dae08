package io.learnhub.common.outbox;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.KafkaRecords;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.common.tracing.TraceContexts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.vertx.core.Vertx;

/**
 * Publishes an outbox row to Kafka and marks it sent, in the service's publish span
 * ({@code learnhub.outbox.publish-span}). The Kafka producer span is made a child of that span
 * explicitly, so the record's headers carry it and every consumer's span descends from it,
 * whether the row is published right after its transaction or later by the relay. Every row goes
 * through the one channel {@value OutboxConfig#CHANNEL}, to the topic the row names.
 */
@ApplicationScoped
@IfBuildProperty(name = OutboxConfig.ENABLED, stringValue = "true")
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private static final TypeReference<EventEnvelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final MutinyEmitter<EventEnvelope<JsonNode>> emitter;
    private final OutboxEventRepository events;
    private final ObjectMapper objectMapper;
    private final ReactiveSpans spans;
    private final TraceContexts traceContexts;
    private final OutboxConfig config;
    private final Clock clock;

    public OutboxPublisher(@Channel(OutboxConfig.CHANNEL) MutinyEmitter<EventEnvelope<JsonNode>> emitter,
            OutboxEventRepository events, ObjectMapper objectMapper, ReactiveSpans spans, TraceContexts traceContexts,
            OutboxConfig config, Clock clock) {
        this.emitter = emitter;
        this.events = events;
        this.objectMapper = objectMapper;
        this.spans = spans;
        this.traceContexts = traceContexts;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Publishes a committed row under the context stored with it, without making the caller
     * wait: should Kafka not acknowledge, the row stays unsent and the relay sends it later.
     * Must be called on a Vert.x context and outside any transaction.
     *
     * <p>The publish runs on a duplicated context of its own: its span stays current until Kafka
     * acknowledges, and on the caller's context it would become the parent of whatever the caller
     * traces next.
     */
    public void publishInBackground(OutboxEvent event) {
        io.vertx.core.Context callers = Vertx.currentContext();
        if (callers == null) {
            throw new IllegalStateException("Outbox events must be published from a Vert.x context");
        }
        VertxContext.createNewDuplicatedContext(callers).runOnContext(ignored -> publish(event,
                traceContexts.restore(event.traceContext)).subscribe().with(
                        published -> LOG.debugf("Published outbox event %s to %s", event.id, event.topic),
                        failure -> LOG.warnf(failure, "Publishing outbox event %s failed; the relay will retry it", event.id)));
    }

    /**
     * Sends the row's event and, once Kafka has acknowledged it, marks the row sent. Fails when
     * Kafka does not acknowledge within the publish timeout; the row then stays unsent for the
     * relay. Must be called on a Vert.x context and outside any transaction.
     */
    public Uni<Void> publish(OutboxEvent event, Context parent) {
        return Uni.createFrom().deferred(() -> {
            EventEnvelope<JsonNode> envelope = envelope(event);
            return spans.inSpan(config.publishSpan(), envelope.correlated(parent), context -> {
                Span.fromContext(context).setAttribute(SharedSpans.MESSAGING_DESTINATION, event.topic)
                        .setAttribute(SharedSpans.MESSAGING_MESSAGE_ID, event.id.toString());
                Executor backOnThisContext = sameVertxContext();
                Message<EventEnvelope<JsonNode>> message = KafkaRecords.keyedTo(event.topic, event.messageKey, envelope)
                        .addMetadata(TracingMetadata.withCurrent(context));
                return emitter.sendMessage(message)
                        .ifNoItem().after(config.publishTimeout())
                        .failWith(() -> new TimeoutException("Kafka did not acknowledge outbox event " + event.id
                                + " within " + config.publishTimeout()))
                        // the acknowledgement arrives on a Kafka thread; Hibernate Reactive needs the Vert.x context
                        .emitOn(backOnThisContext)
                        .chain(() -> Panache.withTransaction(() -> events.markSent(event.id, clock.instant())))
                        .replaceWithVoid();
            });
        });
    }

    private EventEnvelope<JsonNode> envelope(OutboxEvent event) {
        try {
            return objectMapper.readValue(event.payload, ENVELOPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable payload in outbox event " + event.id, e);
        }
    }

    private static Executor sameVertxContext() {
        io.vertx.core.Context vertxContext = Vertx.currentContext();
        if (vertxContext == null) {
            throw new IllegalStateException("Outbox events must be published from a Vert.x context");
        }
        return command -> vertxContext.runOnContext(ignored -> command.run());
    }
}
