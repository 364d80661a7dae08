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

    /** A new pending invoice for the course at its current price. */
    public static Invoice issue(Course course, String studentId, Instant now) {
        Invoice invoice = new Invoice();
        invoice.id = UUID.randomUUID();
        invoice.studentId = studentId;
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

    public boolean isPaidBy(String paymentId) {
        return isPaid() && paymentId.equals(providerPaymentId);
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

    /** Cancels a pending invoice; a paid or already canceled one is left as it is. */
    public void cancelIfPending() {
        if (status == InvoiceStatus.PENDING) {
            status = InvoiceStatus.CANCELED;
        }
    }
}
