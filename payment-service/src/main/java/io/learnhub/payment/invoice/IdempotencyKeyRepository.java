package io.learnhub.payment.invoice;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKey, IdempotencyKeyId> {

    /**
     * Serialises requests with the same student and key until the caller's transaction ends (a
     * PostgreSQL transaction-level advisory lock on a hash of both), so that of two concurrent
     * requests one creates the invoice and the other then finds it.
     */
    public Uni<Void> lock(IdempotencyKeyId id) {
        return getSession().chain(session -> session.createNativeQuery("select 1 from pg_advisory_xact_lock(:lock)")
                .setParameter("lock", lockNumber(id))
                .getSingleResult())
                .replaceWithVoid();
    }

    private static long lockNumber(IdempotencyKeyId id) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("invoice-idempotency-key\0".getBytes(StandardCharsets.UTF_8));
            sha256.update(id.studentId().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(id.key().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha256.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
