package io.learnhub.payment.course;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A student's right to open one material, granted by the invoice that paid for it. */
@Entity
@Table(name = "material_access")
public class MaterialAccess {

    @EmbeddedId
    public MaterialAccessId id;

    @Column(name = "invoice_id", nullable = false)
    public UUID invoiceId;

    @Column(name = "unlocked_at", nullable = false)
    public Instant unlockedAt;
}
