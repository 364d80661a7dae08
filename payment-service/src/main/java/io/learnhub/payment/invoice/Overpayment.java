package io.learnhub.payment.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A successful payment for an invoice that another payment had already settled: the money was
 * taken twice. Kept (never silently dropped) until an operator refunds it at the provider, whose
 * refund notification then records the refund here.
 */
@Entity
@Table(name = "overpayments")
public class Overpayment {

    @Id
    @Column(name = "provider_payment_id")
    public String providerPaymentId;

    @Column(name = "invoice_id", nullable = false)
    public UUID invoiceId;

    @Column(nullable = false, precision = 12, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "provider_refund_id", unique = true)
    public String providerRefundId;

    @Column(name = "refunded_at")
    public Instant refundedAt;

    public static Overpayment of(Invoice invoice, PaymentNotice notice, Instant at) {
        Overpayment overpayment = new Overpayment();
        overpayment.providerPaymentId = notice.paymentId();
        overpayment.invoiceId = invoice.id;
        overpayment.amount = notice.amount();
        overpayment.currency = notice.currency();
        overpayment.receivedAt = at;
        return overpayment;
    }

    public boolean isRefunded() {
        return providerRefundId != null;
    }

    public void markRefunded(String refundId, Instant at) {
        providerRefundId = refundId;
        refundedAt = at;
    }
}
