package io.learnhub.payment.tracing;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * payment-service's own span names, event names and attribute keys; the shared ones (invoice.id,
 * user.id, event.duplicate, db.query_count, correlation_id, error.type, and the mail outbox's
 * send_email with its email.* attributes) are common's SharedSpans. docs/architecture.md
 * catalogues both. Attributes carry ids, codes and counts only: an email span names its recipient
 * by user id, never by address.
 */
public final class PaymentSpans {

    public static final String PROCESS_PAYMENT_WEBHOOK = "process_payment_webhook";
    public static final String VERIFY_SIGNATURE = "verify_signature";
    public static final String PARSE_WEBHOOK = "parse_webhook";
    public static final String UPDATE_INVOICE = "update_invoice";
    public static final String UNLOCK_MATERIALS = "unlock_materials";
    public static final String LOCK_MATERIALS = "lock_materials";
    public static final String QUEUE_HOOKS = "queue_hooks";
    public static final String RUN_PAYMENT_HOOKS = "run_payment_hooks";
    public static final String LIST_UNLOCKED_MATERIALS = "list_unlocked_materials";
    public static final String LIST_COURSES = "list_courses";
    public static final String SANDBOX_PAY = "sandbox_pay";

    /** On update_invoice: a refund returned an overpayment (the invoice itself is unchanged). */
    public static final String EVENT_OVERPAYMENT_REFUNDED = "overpayment_refunded";
    /** On run_payment_hooks: the invoice has no email address to confirm the payment to. */
    public static final String EVENT_NO_RECIPIENT_ADDRESS = "no_recipient_address";

    public static final AttributeKey<String> WEBHOOK_SOURCE = stringKey("webhook.source");
    /** Which key signed the notification: {@code current} or {@code previous} (during a rotation). */
    public static final AttributeKey<String> WEBHOOK_SIGNING_KEY = stringKey("webhook.signing_key");
    /** The notification had been applied before: answered 2xx, nothing changed. */
    public static final AttributeKey<Boolean> WEBHOOK_DUPLICATE = booleanKey("webhook.duplicate");
    public static final AttributeKey<String> WEBHOOK_EVENT = stringKey("webhook.event");
    public static final AttributeKey<String> PAYMENT_ID = stringKey("payment.id");
    public static final AttributeKey<String> PAYMENT_STATUS = stringKey("payment.status");
    public static final AttributeKey<String> REFUND_ID = stringKey("refund.id");
    /** A second payment for a settled invoice: not an error, but flagged for the operator. */
    public static final AttributeKey<Boolean> PAYMENT_OVERPAID = booleanKey("payment.overpaid");
    public static final AttributeKey<Long> MATERIALS_COUNT = longKey("materials_count");
    public static final AttributeKey<Long> COURSES_COUNT = longKey("courses_count");
    public static final AttributeKey<Boolean> VALID = booleanKey("valid");

    private PaymentSpans() {
    }
}
