package io.learnhub.payment.invoice;

/** An invoice creation's answer: the invoice, and whether it was created by an earlier request with the same Idempotency-Key. */
public record IssuedInvoice(InvoiceView invoice, boolean replayed) {
}
