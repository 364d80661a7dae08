package io.learnhub.common.mail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code learnhub.mail.*}: the mail outbox of a service that sends email. A service switches it on
 * with {@code learnhub.mail.enabled=true}, brings quarkus-mailer (whose {@code quarkus.mailer.*}
 * keys name the SMTP server) and creates the {@code emails} table ({@link Email}).
 */
@ConfigMapping(prefix = "learnhub.mail")
public interface MailConfig {

    /** The build-time switch read by {@code @IfBuildProperty} on the mail beans. */
    String ENABLED = "learnhub.mail.enabled";

    /** Whether this service sends email (build time; off in common's microprofile-config.properties). */
    boolean enabled();

    /**
     * The templates this service sends: their counters are exported at 0 from the start, so that
     * an alert's {@code increase()} sees a template's first failure. A template missing here is
     * still counted, from its first send on.
     */
    Optional<List<String>> templates();

    /** Attempts before an email is given up on (FAILED, counted, logged). */
    @WithDefault("6")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each further one. */
    @WithDefault("30s")
    Duration initialBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("10m")
    Duration maxBackoff();

    /**
     * How long a sender owns an email it is sending; longer than an SMTP exchange can take
     * (quarkus-mailer's timeouts), so the relay never sends an email that is still being sent.
     */
    @WithDefault("2m")
    Duration lease();

    /** How often the relay looks for emails due for a (re)try; read by the {@code @Scheduled} expression. */
    @WithDefault("10s")
    Duration relayEvery();

    /** Emails one relay run sends at most. */
    @WithDefault("20")
    int batchSize();
}
