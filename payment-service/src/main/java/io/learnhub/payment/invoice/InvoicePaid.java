package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The data of a payments.invoice-paid.v1 event, keyed by the invoice id. It names the course's
 * teacher, their address and the course's title so that consumers (the teacher's stats and
 * emails, the course's chat room, the confirmation email) need not ask payment-service for them.
 * {@code teacherEmail} is null when the course has none.
 */
public record InvoicePaid(@NotNull UUID invoiceId, @NotBlank String paymentId, @NotBlank String studentId,
        @NotNull UUID courseId, @NotBlank String courseTitle, @NotBlank String teacherId, String teacherEmail,
        @NotBlank String amount, @NotBlank String currency, @NotNull Instant paidAt) {
}
