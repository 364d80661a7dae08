package io.learnhub.payment.course;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The key of a {@link MaterialAccess}: who may open which material. */
@Embeddable
public record MaterialAccessId(
        @Column(name = "student_id", nullable = false, length = 64) String studentId,
        @Column(name = "material_id", nullable = false) UUID materialId) implements Serializable {
}
