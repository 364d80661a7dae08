package io.learnhub.payment.tracing;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The business span names and attribute keys of payment-service, as fixed by ARCHITECTURE.md,
 * declared once so that code and tests cannot drift apart. Attributes carry ids and counts only.
 */
public final class PaymentSpans {

    public static final String PROCESS_PAYMENT_WEBHOOK = "process_payment_webhook";
    public static final String VERIFY_SIGNATURE = "verify_signature";
    public static final String PARSE_WEBHOOK = "parse_webhook";
    public static final String UPDATE_INVOICE = "update_invoice";
    public static final String UNLOCK_MATERIALS = "unlock_materials";
    public static final String QUEUE_HOOKS = "queue_hooks";

    public static final AttributeKey<String> WEBHOOK_SOURCE = stringKey("webhook.source");
    public static final AttributeKey<String> PAYMENT_ID = stringKey("payment.id");
    public static final AttributeKey<String> PAYMENT_STATUS = stringKey("payment.status");
    public static final AttributeKey<String> INVOICE_ID = stringKey("invoice.id");
    public static final AttributeKey<Long> MATERIALS_COUNT = longKey("materials_count");
    public static final AttributeKey<Boolean> VALID = booleanKey("valid");
    /** Semantic conventions, on {@code queue_hooks}: where and which outbox event is handed to Kafka. */
    public static final AttributeKey<String> MESSAGING_DESTINATION = stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = stringKey("messaging.message.id");

    /** The only payment provider wired today; its notifications are YooKassa-shaped. */
    public static final String WEBHOOK_SOURCE_YOOKASSA = "yookassa";

    private PaymentSpans() {
    }
}
