package io.learnhub.payment.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * An event waiting in the transactional outbox: written in the transaction that caused it,
 * published to Kafka after that transaction commits, then marked sent. Its id is the event id.
 */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent extends PanacheEntityBase {

    /** SKIP LOCKED: relays of several replicas never take the same rows, nor wait for each other. */
    private static final String CLAIM_DUE = """
            select * from outbox_events
            where sent_at is null and (locked_until is null or locked_until < :now)
            order by created_at
            limit :limit
            for update skip locked""";

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

    /**
     * Takes up to {@code limit} unsent rows whose lease has expired, oldest first, and leases them
     * until {@code leaseEnd}. Must run in a transaction: the row locks end with it.
     */
    public static Uni<List<OutboxEvent>> claimDue(Instant now, Instant leaseEnd, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM_DUE, OutboxEvent.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList())
                .invoke(events -> events.forEach(event -> {
                    event.lockedUntil = leaseEnd;
                    event.attempts++;
                }));
    }

    public static Uni<Integer> markSent(UUID id, Instant at) {
        return update("sentAt = ?1, lockedUntil = null where id = ?2", at, id);
    }
}
