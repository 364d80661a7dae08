package io.learnhub.chat.payment;

import java.util.UUID;

/**
 * The part of a {@value #TYPE} event's data that chat-service uses; the other fields
 * (paymentId, teacherId, amount, currency, paidAt) are ignored.
 */
public record InvoicePaid(UUID invoiceId, String studentId, UUID courseId) {

    public static final String TYPE = "payments.invoice-paid.v1";
}
