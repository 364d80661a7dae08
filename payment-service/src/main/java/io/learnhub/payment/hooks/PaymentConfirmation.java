package io.learnhub.payment.hooks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.learnhub.common.mail.Email;
import io.learnhub.payment.invoice.InvoicePaid;

/** The email that confirms a student's payment: one per invoice. */
final class PaymentConfirmation {

    static final String TEMPLATE = "payment-confirmation";

    private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PaymentConfirmation() {
    }

    /** The email to {@code address}, leased until {@code leaseEnd} by the sender that queues it. */
    static Email of(InvoicePaid paid, String address, String traceContext, Instant now, Instant leaseEnd) {
        return Email.queued(TEMPLATE, paid.invoiceId().toString(), paid.studentId(), address,
                "Payment received: " + paid.courseTitle(), body(paid), null, traceContext, now, leaseEnd);
    }

    private static String body(InvoicePaid paid) {
        return """
                Hello,

                we have received your payment of %s %s for "%s".
                Every material of the course is now unlocked for you.

                Invoice: %s
                Payment: %s
                Paid at: %s

                LearnHub
                """.formatted(paid.amount(), paid.currency(), paid.courseTitle(), paid.invoiceId(), paid.paymentId(),
                PAID_AT.format(paid.paidAt()));
    }
}
