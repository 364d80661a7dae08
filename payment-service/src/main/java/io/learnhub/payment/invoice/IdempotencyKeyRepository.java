package io.learnhub.payment.invoice;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.persistence.AdvisoryLocks;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKey, IdempotencyKeyId> {

    /**
     * Serialises requests with the same student and key until the caller's transaction ends, so
     * that of two concurrent requests one creates the invoice and the other then finds it.
     */
    public Uni<Void> lock(IdempotencyKeyId id) {
        return AdvisoryLocks.lockForTransaction("invoice-idempotency-key", id.studentId(), id.key());
    }
}
