package io.learnhub.payment.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.event.EventEnvelope;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/** Writes events into the transactional outbox, inside the caller's transaction. */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper objectMapper;
    private final TraceContexts traceContexts;
    private final OutboxConfig config;

    public Outbox(ObjectMapper objectMapper, TraceContexts traceContexts, OutboxConfig config) {
        this.objectMapper = objectMapper;
        this.traceContexts = traceContexts;
        this.config = config;
    }

    /**
     * Queues the event for {@code topic} under {@code key}. {@code traceContext} is the context
     * to publish it under (the span {@code queue_hooks} will be a child of), stored with the row so
     * that a publish by the relay joins the same trace. The row comes leased to the caller, who
     * publishes it right after the commit; the relay only takes it if that has not happened
     * within the lease.
     */
    public Uni<OutboxEvent> enqueue(Context traceContext, String topic, String key, EventEnvelope<?> envelope) {
        Instant now = Instant.now();
        OutboxEvent event = new OutboxEvent();
        event.id = envelope.eventId();
        event.topic = topic;
        event.messageKey = key;
        event.payload = json(envelope);
        event.traceContext = traceContexts.capture(traceContext);
        event.createdAt = now;
        event.lockedUntil = now.plus(config.lease());
        event.attempts = 1;
        return event.persist();
    }

    private String json(EventEnvelope<?> envelope) {
        try {
            return objectMapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event " + envelope.eventId(), e);
        }
    }
}
