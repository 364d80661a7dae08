package io.learnhub.chat.realtime;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PendingDeliveryRepository implements PanacheRepositoryBase<PendingDelivery, Long> {

    /**
     * SKIP LOCKED: when a user opens two connections at once, each pending frame goes to exactly
     * one of them instead of both. Must run in a transaction: the row locks end with it.
     */
    private static final String CLAIM = """
            select * from pending_deliveries
            where user_id = :userId
            order by id
            limit :limit
            for update skip locked""";

    /** The user's oldest {@code limit} pending frames, locked until the caller's transaction ends. */
    public Uni<List<PendingDelivery>> claim(String userId, int limit) {
        return getSession()
                .chain(session -> session.createNativeQuery(CLAIM, PendingDelivery.class)
                        .setParameter("userId", userId)
                        .setParameter("limit", limit)
                        .getResultList());
    }

    public Uni<Long> deleteAll(List<Long> ids) {
        return delete("id in ?1", ids);
    }
}
