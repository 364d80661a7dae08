package io.learnhub.payment.tracing;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * payment-service's own span names, event names and attribute keys; the shared ones (invoice.id,
 * correlation_id, error.type) are common's SharedSpans. docs/architecture.md catalogues both.
 * Attributes carry ids, codes and counts only.
 */
public final class PaymentSpans {

    public static final String PROCESS_PAYMENT_WEBHOOK = "process_payment_webhook";
    public static final String VERIFY_SIGNATURE = "verify_signature";
    public static final String PARSE_WEBHOOK = "parse_webhook";
    public static final String UPDATE_INVOICE = "update_invoice";
    public static final String UNLOCK_MATERIALS = "unlock_materials";
    public static final String QUEUE_HOOKS = "queue_hooks";

    /** On update_invoice: a second payment arrived for an invoice another payment already settled. */
    public static final String EVENT_INVOICE_ALREADY_PAID = "invoice_already_paid";

    public static final AttributeKey<String> WEBHOOK_SOURCE = stringKey("webhook.source");
    public static final AttributeKey<String> PAYMENT_ID = stringKey("payment.id");
    public static final AttributeKey<String> PAYMENT_STATUS = stringKey("payment.status");
    public static final AttributeKey<Long> MATERIALS_COUNT = longKey("materials_count");
    public static final AttributeKey<Boolean> VALID = booleanKey("valid");

    private PaymentSpans() {
    }
}
