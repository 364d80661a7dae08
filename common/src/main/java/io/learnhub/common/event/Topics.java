package io.learnhub.common.event;

/**
 * The Kafka topics of the suite, declared once. A topic's name is also the {@code type} of the
 * envelopes it carries; its dead-letter topic is {@link #deadLetter(String) the name plus .dlq}.
 * The channels that bind to them are in each service's application.properties.
 */
public final class Topics {

    /** payment-service → chat-service, report-service, payment-service (its hooks); key = invoice id. */
    public static final String INVOICE_PAID = "payments.invoice-paid.v1";
    /** payment-service → report-service (weekly stats and reports); key = invoice id. */
    public static final String INVOICE_REFUNDED = "payments.refunded.v1";
    /** payment-service → (none yet: operators are paged by its counter); key = invoice id. */
    public static final String INVOICE_OVERPAID = "payments.overpaid.v1";
    /** chat-service → chat-service (notifications), report-service (whose room it is); key = room id. */
    public static final String ROOM_CREATED = "chat.room-created.v1";
    /** chat-service → report-service (messages and active students per teacher and week); key = room id. */
    public static final String MESSAGE_SENT = "chat.message-sent.v1";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** Where a consumer of {@code topic} parks the records it cannot apply. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
