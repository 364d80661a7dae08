package io.learnhub.common.event;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Idempotent consumers: every event a service applies is recorded in its {@code processed_events}
 * table ({@code event_id uuid primary key, processed_at timestamptz not null}) in the same
 * transaction as its effect, so a redelivery changes nothing. Services that consume events create
 * that table in their own schema migration. The one statement every consumer shares, and no
 * entity of its own: hence a helper here rather than a repository in each service.
 */
public final class ProcessedEvents {

    /*
     * ON CONFLICT DO NOTHING rather than "select, then insert": the insert takes the row lock, so a
     * concurrent delivery of the same event waits for this transaction and then inserts nothing,
     * instead of failing on the primary key or applying the event twice.
     */
    private static final String MARK_PROCESSED = """
            insert into processed_events (event_id, processed_at) values (:eventId, :processedAt)
            on conflict (event_id) do nothing""";

    private ProcessedEvents() {
    }

    /**
     * Records the event as processed inside the caller's transaction.
     *
     * @return true when this call recorded it, false when it had been processed before
     */
    public static Uni<Boolean> markProcessed(UUID eventId, Instant processedAt) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK_PROCESSED)
                        .setParameter("eventId", eventId)
                        .setParameter("processedAt", processedAt)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
