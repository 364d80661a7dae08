package io.learnhub.payment.invoice;

/**
 * PENDING until the provider reports the payment: then PAID, or CANCELED if it was canceled; a
 * paid invoice whose payment the provider refunded is REFUNDED (its materials locked again).
 */
public enum InvoiceStatus {
    PENDING,
    PAID,
    CANCELED,
    REFUNDED
}
