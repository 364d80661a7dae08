package io.learnhub.payment.webhook;

import java.util.UUID;

/**
 * The answer to the provider: the invoice and its status after the notification, or
 * {@code IGNORED} (invoice id null) for an event this service does not act on. {@code duplicate}
 * is true when the notification had been applied before and changed nothing this time.
 */
public record WebhookResponse(UUID invoiceId, String status, boolean duplicate) {

    public static final String IGNORED = "IGNORED";
}
