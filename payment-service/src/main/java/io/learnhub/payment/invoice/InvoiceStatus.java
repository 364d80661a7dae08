package io.learnhub.payment.invoice;

/** PENDING until the provider reports the payment: then PAID, or CANCELED if it was canceled. */
public enum InvoiceStatus {
    PENDING,
    PAID,
    CANCELED
}
