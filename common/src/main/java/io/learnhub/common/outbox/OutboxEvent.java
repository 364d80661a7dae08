package io.learnhub.common.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event waiting in the transactional outbox: written in the transaction that caused it,
 * published to Kafka after that transaction commits, then marked sent. Its id is the event id.
 */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    /** The event envelope as JSON, exactly as it will be published. */
    @Column(nullable = false)
    public String payload;

    /** The W3C trace context (traceparent, tracestate, baggage) to publish under, as a JSON object. */
    @Column(name = "trace_context", nullable = false)
    public String traceContext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Until then the row is being published by whoever set it; the relay leaves it alone. */
    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "sent_at")
    public Instant sentAt;
}
