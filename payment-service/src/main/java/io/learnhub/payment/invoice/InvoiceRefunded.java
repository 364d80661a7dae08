package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of a payments.refunded.v1 event, keyed by the invoice id: the provider refunded the
 * payment that settled the invoice, and the course's materials are locked for the student again.
 */
public record InvoiceRefunded(UUID invoiceId, String refundId, String paymentId, String studentId, UUID courseId,
        String teacherId, String amount, String currency, Instant refundedAt) {
}
