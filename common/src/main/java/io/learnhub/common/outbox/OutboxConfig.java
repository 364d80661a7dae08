package io.learnhub.common.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/**
 * {@code learnhub.outbox.*}: the transactional outbox of a service that publishes events. Shared
 * timing defaults are in common's microprofile-config.properties; a service switches the outbox
 * on with {@code learnhub.outbox.enabled=true} and names its publish span.
 */
@ConfigMapping(prefix = "learnhub.outbox")
public interface OutboxConfig {

    /** The build-time switch read by {@code @IfBuildProperty} on the outbox beans. */
    String ENABLED = "learnhub.outbox.enabled";

    /** The one outgoing channel every outbox row is sent through; the row names the topic. */
    String CHANNEL = "outbox-out";

    /** Whether this service has an outbox (build time). */
    boolean enabled();

    /** Name of the span around each publish, in the service's span catalogue. */
    String publishSpan();

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
