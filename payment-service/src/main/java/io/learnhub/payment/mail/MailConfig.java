package io.learnhub.payment.mail;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code learnhub.payment.mail.*}: how emails are retried. The SMTP server itself is quarkus-mailer's. */
@ConfigMapping(prefix = "learnhub.payment.mail")
public interface MailConfig {

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

    /** How often the relay looks for emails due for a (re)try. */
    @WithDefault("10s")
    Duration relayEvery();

    /** Emails one relay run sends at most. */
    @WithDefault("20")
    int batchSize();
}
