package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An Idempotency-Key a student used to create an invoice, with the request it came with. */
@Entity
@Table(name = "invoice_idempotency_keys")
public class IdempotencyKey {

    @EmbeddedId
    public IdempotencyKeyId id;

    /** SHA-256 (hex) of the request's canonical form: the same key with another body is refused. */
    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    @Column(name = "invoice_id", nullable = false)
    public UUID invoiceId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static IdempotencyKey of(IdempotencyKeyId id, String requestHash, UUID invoiceId, Instant now) {
        IdempotencyKey key = new IdempotencyKey();
        key.id = id;
        key.requestHash = requestHash;
        key.invoiceId = invoiceId;
        key.createdAt = now;
        return key;
    }
}
