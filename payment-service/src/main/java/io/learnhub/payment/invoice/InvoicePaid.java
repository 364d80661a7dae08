package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

/** The data of a {@value #TYPE} event, keyed by the invoice id. */
public record InvoicePaid(UUID invoiceId, String paymentId, String studentId, UUID courseId, String teacherId,
        String amount, String currency, Instant paidAt) {

    /** Both the topic and the envelope's {@code type}. */
    public static final String TYPE = "payments.invoice-paid.v1";
}
