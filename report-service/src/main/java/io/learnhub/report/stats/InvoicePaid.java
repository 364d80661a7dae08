package io.learnhub.report.stats;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The part of a payments.invoice-paid.v1 event's data that report-service uses; the other fields
 * are ignored. A record whose data breaks these constraints is dead-lettered. {@code teacherEmail}
 * is null when the course has no address for its teacher.
 */
public record InvoicePaid(
        @NotNull UUID invoiceId,
        @NotBlank @Size(max = 64) String studentId,
        @NotNull UUID courseId,
        @NotBlank @Size(max = 200) String courseTitle,
        @NotBlank @Size(max = 64) String teacherId,
        @Size(max = 320) String teacherEmail,
        @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull Instant paidAt) {
}
