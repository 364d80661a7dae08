package io.learnhub.common.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * PostgreSQL transaction-level advisory locks, named by a few strings: for serialising work on
 * something that has no row to lock (a key not used yet, a student's access to a course). The
 * lock is held until the caller's transaction ends; every replica sharing the database waits on it.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Waits for, then holds until the current transaction ends, the lock named by {@code parts}. */
    public static Uni<Void> lockForTransaction(String... parts) {
        long key = key(parts);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 1 from pg_advisory_xact_lock(:key)")
                        .setParameter("key", key)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The 64-bit lock key of {@code parts}: the first 8 bytes of the SHA-256 of the NUL-separated parts. */
    public static long key(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return ByteBuffer.wrap(sha256.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
