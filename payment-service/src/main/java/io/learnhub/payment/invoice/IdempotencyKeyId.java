package io.learnhub.payment.invoice;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Keys are per student: two students may happen to choose the same one. */
@Embeddable
public record IdempotencyKeyId(
        @Column(name = "student_id", nullable = false, length = 64) String studentId,
        @Column(name = "idempotency_key", nullable = false, length = 255) String key) implements Serializable {
}
