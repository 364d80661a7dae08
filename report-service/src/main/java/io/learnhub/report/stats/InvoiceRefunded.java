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

/** The part of a payments.refunded.v1 event's data that report-service uses; invalid data is dead-lettered. */
public record InvoiceRefunded(
        @NotNull UUID invoiceId,
        @NotNull UUID courseId,
        @NotBlank @Size(max = 64) String teacherId,
        @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull Instant refundedAt) {
}
