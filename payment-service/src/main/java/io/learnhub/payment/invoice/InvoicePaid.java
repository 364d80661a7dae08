package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The data of a payments.invoice-paid.v1 event, keyed by the invoice id. It names the course's
 * teacher and title so that consumers (the teacher's stats, the course's chat room, the
 * confirmation email) need not ask payment-service for them.
 */
public record InvoicePaid(@NotNull UUID invoiceId, @NotBlank String paymentId, @NotBlank String studentId,
        @NotNull UUID courseId, @NotBlank String courseTitle, @NotBlank String teacherId, @NotBlank String amount,
        @NotBlank String currency, @NotNull Instant paidAt) {
}
