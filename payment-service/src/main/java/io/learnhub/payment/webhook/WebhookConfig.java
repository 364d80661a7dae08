package io.learnhub.payment.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code learnhub.payment.webhook.*}: how the payment provider's notifications are trusted. */
@ConfigMapping(prefix = "learnhub.payment.webhook")
public interface WebhookConfig {

    /** The HMAC-SHA256 key the provider signs with (PAYMENT_WEBHOOK_SECRET). */
    String secret();

    /**
     * During a rotation, the key being retired (PAYMENT_WEBHOOK_PREVIOUS_SECRET): notifications
     * signed with either key are accepted until it is unset.
     */
    Optional<String> previousSecret();

    /** How far X-Webhook-Timestamp may be from this server's clock, either way, before a notification is refused as a replay. */
    @WithDefault("5m")
    Duration tolerance();

    /** CIDRs the provider sends from (PAYMENT_WEBHOOK_ALLOWED_SOURCES); empty = any source. */
    Optional<List<String>> allowedSources();

    /** How long the provider's answer waits for Kafka to acknowledge the event the notification queued. */
    Duration publishWait();
}
