package io.learnhub.chat.realtime;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** {@code learnhub.chat.realtime.*}: presence and fan-out between replicas (values in application.properties). */
@ConfigMapping(prefix = "learnhub.chat.realtime")
public interface RealtimeConfig {

    /** How long an open connection counts as online without being refreshed (a replica that dies stops refreshing). */
    Duration presenceTtl();

    /** How often a replica refreshes the presence of its open connections; read by the {@code @Scheduled} expression. */
    String presenceRefreshEvery();

    /** The Redis pub/sub channel every replica publishes deliveries to and listens on. */
    String channel();

    /** Wait before the first attempt to subscribe again after the channel's connection dropped; doubled per failure. */
    Duration resubscribeBackoff();

    /** Longest wait between two attempts to subscribe again. */
    Duration resubscribeMaxBackoff();
}
