package io.learnhub.payment.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.learnhub.payment.course.Course;

/** What a student owes for a course, and whether the payment provider has reported it paid. */
@Entity
@Table(name = "invoices")
public class Invoice {

    @Id
    public UUID id;

    @Column(name = "student_id", nullable = false)
    public String studentId;

    @Column(name = "course_id", nullable = false)
    public UUID courseId;

    @Column(nullable = false, precision = 12, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false, length = 3)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvoiceStatus status;

    @Column(name = "provider_payment_id", unique = true)
    public String providerPaymentId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "provider_refund_id", unique = true)
    public String providerRefundId;

    @Column(name = "refunded_at")
    public Instant refundedAt;

    /** A second payment arrived after this invoice was settled (see {@link Overpayment}). */
    @Column(nullable = false)
    public boolean overpaid;

    /** Where the confirmation email goes: the student's JWT email claim when the invoice was issued; may be null. */
    @Column(name = "student_email", length = 320)
    public String studentEmail;

    /** A new pending invoice for the course at its current price. */
    public static Invoice issue(Course course, String studentId, String studentEmail, Instant now) {
        Invoice invoice = new Invoice();
        invoice.id = UUID.randomUUID();
        invoice.studentId = studentId;
        invoice.studentEmail = studentEmail;
        invoice.courseId = course.id;
        invoice.amount = course.price;
        invoice.currency = course.currency;
        invoice.status = InvoiceStatus.PENDING;
        invoice.createdAt = now;
        return invoice;
    }

    public boolean isPaid() {
        return status == InvoiceStatus.PAID;
    }

    /** Whether this payment settled the invoice, whether or not it has been refunded since. */
    public boolean isPaidBy(String paymentId) {
        return (isPaid() || isRefunded()) && paymentId.equals(providerPaymentId);
    }

    public boolean isRefunded() {
        return status == InvoiceStatus.REFUNDED;
    }

    /** Paid or refunded: a payment settled it, and any further payment is an overpayment. */
    public boolean isSettled() {
        return isPaid() || isRefunded();
    }

    /** Whether a payment of this amount and currency settles the invoice exactly. */
    public boolean isSettledBy(BigDecimal paidAmount, String paidCurrency) {
        return amount.compareTo(paidAmount) == 0 && currency.equals(paidCurrency);
    }

    public void markPaid(String paymentId, Instant at) {
        status = InvoiceStatus.PAID;
        providerPaymentId = paymentId;
        paidAt = at;
    }

    public void markRefunded(String refundId, Instant at) {
        status = InvoiceStatus.REFUNDED;
        providerRefundId = refundId;
        refundedAt = at;
    }

    /** Cancels a pending invoice; true if it did. A paid, refunded or already canceled one is left as it is. */
    public boolean cancelIfPending() {
        if (status != InvoiceStatus.PENDING) {
            return false;
        }
        status = InvoiceStatus.CANCELED;
        return true;
    }
}
