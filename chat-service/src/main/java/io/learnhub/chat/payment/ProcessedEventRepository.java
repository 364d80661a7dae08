package io.learnhub.chat.payment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The Kafka events already applied, recorded in the same transaction as their effect. */
@ApplicationScoped
public class ProcessedEventRepository {

    /**
     * Records the event as processed inside the caller's transaction; false when it already was.
     * The insert takes the row lock, so a concurrent redelivery waits for this transaction and
     * then sees the event as processed instead of applying it twice.
     */
    public Uni<Boolean> markProcessed(UUID eventId) {
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("insert into processed_events (event_id, processed_at) values (:eventId, now()) "
                                + "on conflict (event_id) do nothing")
                        .setParameter("eventId", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
