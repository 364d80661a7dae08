package io.learnhub.payment.outbox;

/** The Kafka topics this service publishes through the outbox, and their outgoing channels. */
public final class Topics {

    public static final String INVOICE_PAID = "payments.invoice-paid.v1";
    /** Bound to {@link #INVOICE_PAID} in application.properties. */
    public static final String INVOICE_PAID_CHANNEL = "invoice-paid-out";

    private Topics() {
    }
}
