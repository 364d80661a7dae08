package io.learnhub.payment.hooks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import io.learnhub.payment.invoice.InvoicePaid;
import io.learnhub.payment.mail.Email;
import io.learnhub.payment.mail.EmailStatus;

/** The email that confirms a student's payment: one per invoice. */
final class PaymentConfirmation {

    static final String TEMPLATE = "payment-confirmation";

    private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PaymentConfirmation() {
    }

    /** The email to {@code address}, leased until {@code leaseEnd} by the sender that queues it. */
    static Email of(InvoicePaid paid, String address, String traceContext, Instant now, Instant leaseEnd) {
        Email email = new Email();
        email.id = UUID.randomUUID();
        email.template = TEMPLATE;
        email.subjectId = paid.invoiceId().toString();
        email.recipientId = paid.studentId();
        email.recipientAddress = address;
        email.subject = "Payment received: " + paid.courseTitle();
        email.body = """
                Hello,

                we have received your payment of %s %s for "%s".
                Every material of the course is now unlocked for you.

                Invoice: %s
                Payment: %s
                Paid at: %s

                LearnHub
                """.formatted(paid.amount(), paid.currency(), paid.courseTitle(), paid.invoiceId(), paid.paymentId(),
                PAID_AT.format(paid.paidAt()));
        email.status = EmailStatus.PENDING;
        email.nextAttemptAt = now;
        email.lockedUntil = leaseEnd;
        email.traceContext = traceContext;
        email.createdAt = now;
        return email;
    }
}
