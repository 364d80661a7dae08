package io.learnhub.common.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@IfBuildProperty(name = OutboxConfig.ENABLED, stringValue = "true")
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

    /** SKIP LOCKED: relays of several replicas never take the same rows, nor wait for each other. */
    private static final String CLAIM_DUE = """
            select * from outbox_events
            where sent_at is null and (locked_until is null or locked_until < :now)
            order by created_at
            limit :limit
            for update skip locked""";

    /**
     * Takes up to {@code limit} unsent rows whose lease has expired, oldest first, and leases them
     * until {@code leaseEnd}. Must run in a transaction: the row locks end with it.
     */
    public Uni<List<OutboxEvent>> claimDue(Instant now, Instant leaseEnd, int limit) {
        return getSession()
                .chain(session -> session.createNativeQuery(CLAIM_DUE, OutboxEvent.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList())
                .invoke(events -> events.forEach(event -> {
                    event.lockedUntil = leaseEnd;
                    event.attempts++;
                }));
    }

    public Uni<Integer> markSent(UUID id, Instant at) {
        return update("sentAt = ?1, lockedUntil = null where id = ?2", at, id);
    }
}
