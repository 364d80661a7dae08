package io.learnhub.payment.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** {@code learnhub.payment.outbox.*}: timing of the transactional outbox (values in application.properties). */
@ConfigMapping(prefix = "learnhub.payment.outbox")
public interface OutboxConfig {

    /** How long a publisher holds a row before the relay may publish it again. */
    Duration lease();

    /**
     * Longest wait for Kafka's acknowledgement before a row is left to the relay: a safety net
     * above the producer's own send timeouts and below the lease.
     */
    Duration publishTimeout();

    Relay relay();

    interface Relay {

        /** How often the relay looks for unsent rows; read by the {@code @Scheduled} expression. */
        String every();

        /** Rows taken per relay run. */
        int batchSize();
    }
}
