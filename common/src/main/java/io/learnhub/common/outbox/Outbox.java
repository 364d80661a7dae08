package io.learnhub.common.outbox;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.tracing.TraceContexts;
import io.quarkus.arc.properties.IfBuildProperty;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * Writes events into the transactional outbox ({@code outbox_events}, created by each publishing
 * service's own migration), inside the caller's transaction: the event is committed with its
 * cause or not at all, and {@link OutboxPublisher} sends it once the transaction has committed.
 */
@ApplicationScoped
@IfBuildProperty(name = OutboxConfig.ENABLED, stringValue = "true")
public class Outbox {

    private final OutboxEventRepository events;
    private final ObjectMapper objectMapper;
    private final TraceContexts traceContexts;
    private final OutboxConfig config;
    private final Clock clock;

    public Outbox(OutboxEventRepository events, ObjectMapper objectMapper, TraceContexts traceContexts, OutboxConfig config,
            Clock clock) {
        this.events = events;
        this.objectMapper = objectMapper;
        this.traceContexts = traceContexts;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Queues the event for its topic (the envelope's type) under {@code key}. {@code publishUnder}
     * is the context the publish span will be a child of, stored with the row so that a
     * publish by the relay joins the same trace. The row comes leased to the caller, who publishes
     * it right after the commit; the relay only takes it if that has not happened within the lease.
     */
    public Uni<OutboxEvent> enqueue(Context publishUnder, String key, EventEnvelope<?> envelope) {
        Instant now = clock.instant();
        OutboxEvent event = new OutboxEvent();
        event.id = envelope.eventId();
        event.topic = envelope.type();
        event.messageKey = key;
        event.payload = json(envelope);
        event.traceContext = traceContexts.capture(publishUnder);
        event.createdAt = now;
        event.lockedUntil = now.plus(config.lease());
        event.attempts = 1;
        return events.persist(event);
    }

    private String json(EventEnvelope<?> envelope) {
        try {
            return objectMapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event " + envelope.eventId(), e);
        }
    }
}
