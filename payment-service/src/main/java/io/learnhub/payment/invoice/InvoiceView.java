package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

/** The invoice JSON of docs/contracts.md. The student's email address is never part of it. */
public record InvoiceView(UUID id, UUID courseId, String studentId, MoneyView amount, InvoiceStatus status,
        String providerPaymentId, Instant paidAt, String providerRefundId, Instant refundedAt, boolean overpaid) {

    public static InvoiceView of(Invoice invoice) {
        return new InvoiceView(invoice.id, invoice.courseId, invoice.studentId,
                MoneyView.of(invoice.amount, invoice.currency), invoice.status, invoice.providerPaymentId,
                invoice.paidAt, invoice.providerRefundId, invoice.refundedAt, invoice.overpaid);
    }
}
