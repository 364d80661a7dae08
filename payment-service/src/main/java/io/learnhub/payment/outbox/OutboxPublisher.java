package io.learnhub.payment.outbox;

import static io.learnhub.payment.tracing.PaymentSpans.MESSAGING_DESTINATION;
import static io.learnhub.payment.tracing.PaymentSpans.MESSAGING_MESSAGE_ID;
import static io.learnhub.payment.tracing.PaymentSpans.QUEUE_HOOKS;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.KafkaRecords;
import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.ReactiveSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.vertx.core.Vertx;

/**
 * Publishes an outbox row to Kafka and marks it sent, in span {@code queue_hooks}. The Kafka
 * producer span is made a child of {@code queue_hooks} explicitly, so the record's headers carry
 * it and every consumer's span descends from it, whether the row is published right after its
 * transaction or later by the relay.
 */
@ApplicationScoped
public class OutboxPublisher {

    /** Bound to payments.invoice-paid.v1 in application.properties. */
    static final String INVOICE_PAID_CHANNEL = "invoice-paid-out";

    private static final TypeReference<EventEnvelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final Map<String, MutinyEmitter<EventEnvelope<JsonNode>>> emittersByTopic;
    private final OutboxEventRepository events;
    private final ObjectMapper objectMapper;
    private final ReactiveSpans spans;
    private final OutboxConfig config;
    private final Clock clock;

    public OutboxPublisher(@Channel(INVOICE_PAID_CHANNEL) MutinyEmitter<EventEnvelope<JsonNode>> invoicePaid,
            OutboxEventRepository events, ObjectMapper objectMapper, ReactiveSpans spans, OutboxConfig config, Clock clock) {
        this.emittersByTopic = Map.of(Topics.INVOICE_PAID, invoicePaid);
        this.events = events;
        this.objectMapper = objectMapper;
        this.spans = spans;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Sends the row's event and, once Kafka has acknowledged it, marks the row sent. Fails when
     * Kafka does not acknowledge within the publish timeout; the row then stays unsent for the
     * relay. Must be called on a Vert.x context and outside any transaction.
     */
    public Uni<Void> publish(OutboxEvent event, Context parent) {
        return Uni.createFrom().deferred(() -> {
            EventEnvelope<JsonNode> envelope = envelope(event);
            return spans.inSpan(QUEUE_HOOKS, envelope.correlated(parent), context -> {
                Span.fromContext(context).setAttribute(MESSAGING_DESTINATION, event.topic)
                        .setAttribute(MESSAGING_MESSAGE_ID, event.id.toString());
                Executor backOnThisContext = sameVertxContext();
                Message<EventEnvelope<JsonNode>> message = KafkaRecords.keyed(event.messageKey, envelope)
                        .addMetadata(TracingMetadata.withCurrent(context));
                return emitterFor(event.topic).sendMessage(message)
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

    private MutinyEmitter<EventEnvelope<JsonNode>> emitterFor(String topic) {
        MutinyEmitter<EventEnvelope<JsonNode>> emitter = emittersByTopic.get(topic);
        if (emitter == null) {
            throw new IllegalStateException("No outgoing channel for topic " + topic);
        }
        return emitter;
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
