package io.learnhub.report.event;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Idempotency of the Kafka consumers: which event ids have had their effect already. */
@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, UUID> {

    // ON CONFLICT DO NOTHING instead of "select, then insert": a concurrent delivery of the same
    // event waits on the row lock and then inserts nothing, rather than failing on the primary key.
    private static final String MARK_PROCESSED = """
            INSERT INTO processed_events (event_id, processed_at)
            VALUES (:eventId, now())
            ON CONFLICT (event_id) DO NOTHING""";

    /**
     * Records the event as processed in the current transaction.
     *
     * @return true if this call recorded it, false if it had been processed before
     */
    public Uni<Boolean> markProcessed(UUID eventId) {
        return getSession()
                .flatMap(session -> session.createNativeQuery(MARK_PROCESSED)
                        .setParameter("eventId", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
