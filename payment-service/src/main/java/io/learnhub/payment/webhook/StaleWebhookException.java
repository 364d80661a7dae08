package io.learnhub.payment.webhook;

import java.time.Duration;

import io.learnhub.common.error.ApiException;

/**
 * 400: a correctly signed notification whose timestamp is further from this server's clock than
 * the tolerance: a captured request replayed later, or a sender whose clock is wrong. Nothing was
 * changed; the provider's own retries carry a fresh timestamp.
 */
public class StaleWebhookException extends ApiException {

    public StaleWebhookException(Duration tolerance) {
        super(400, "stale_webhook", "X-Webhook-Timestamp is more than " + tolerance.toSeconds()
                + " s away from the server's clock; the notification is refused as a possible replay");
    }
}
