package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

/** The invoice JSON of docs/contracts.md. */
public record InvoiceView(UUID id, UUID courseId, String studentId, MoneyView amount, InvoiceStatus status,
        String providerPaymentId, Instant paidAt) {

    public static InvoiceView of(Invoice invoice) {
        return new InvoiceView(invoice.id, invoice.courseId, invoice.studentId,
                MoneyView.of(invoice.amount, invoice.currency), invoice.status, invoice.providerPaymentId,
                invoice.paidAt);
    }
}
