package io.learnhub.report.payment;

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
 * The data of a {@code payments.invoice-paid.v1} event, as payment-service publishes it. Only the
 * fields the stats use are constrained; the others are read for completeness.
 */
public record InvoicePaid(
        @NotNull UUID invoiceId,
        String paymentId,
        String studentId,
        UUID courseId,
        @NotBlank @Size(max = 64) String teacherId,
        @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull Instant paidAt) {
}
