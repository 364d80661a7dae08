package io.learnhub.payment.course;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A student's right to open one material, granted by the invoice that paid for it. */
@Entity
@Table(name = "material_access")
@IdClass(MaterialAccess.Key.class)
public class MaterialAccess extends PanacheEntityBase {

    @Id
    @Column(name = "student_id")
    public String studentId;

    @Id
    @Column(name = "material_id")
    public UUID materialId;

    @Column(name = "invoice_id", nullable = false)
    public UUID invoiceId;

    @Column(name = "unlocked_at", nullable = false)
    public Instant unlockedAt;

    /** Which of the given materials the student may open. */
    public static Uni<Set<UUID>> unlockedFor(String studentId, Collection<UUID> materialIds) {
        if (materialIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return MaterialAccess.<MaterialAccess> list("studentId = ?1 and materialId in ?2", studentId, materialIds)
                .map(accesses -> accesses.stream().map(access -> access.materialId).collect(Collectors.toSet()));
    }

    public static class Key implements Serializable {

        public String studentId;
        public UUID materialId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(studentId, key.studentId)
                    && Objects.equals(materialId, key.materialId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(studentId, materialId);
        }
    }
}
