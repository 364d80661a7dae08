package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of a payments.invoice-paid.v1 event, keyed by the invoice id. It names the course's
 * teacher and title so that consumers (the teacher's stats, the course's chat room) need not ask
 * payment-service for them.
 */
public record InvoicePaid(UUID invoiceId, String paymentId, String studentId, UUID courseId, String courseTitle,
        String teacherId, String amount, String currency, Instant paidAt) {
}
