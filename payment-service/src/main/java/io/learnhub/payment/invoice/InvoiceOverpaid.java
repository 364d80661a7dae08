package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of a payments.overpaid.v1 event, keyed by the invoice id: payment {@code paymentId}
 * arrived for an invoice that payment {@code settledByPaymentId} had already settled. The money
 * must be refunded by an operator (docs/observability-alerts.md).
 */
public record InvoiceOverpaid(UUID invoiceId, String paymentId, String settledByPaymentId, String studentId,
        UUID courseId, String amount, String currency, Instant receivedAt) {
}
