package io.learnhub.common.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What a service hands to the mail outbox. */
class EmailTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant LEASE_END = NOW.plusSeconds(120);

    @Test
    void queuedEmailIsPendingDueNowAndLeasedToItsSender() {
        Email email = Email.queued("weekly-report", "2025-02-24/t-1", "t-1", "t1@example.test", "Your week", "text",
                "<p>html</p>", "{\"traceparent\":\"00-1-2-01\"}", NOW, LEASE_END);

        assertThat(email.id).isNotNull();
        assertThat(email.status).isEqualTo(EmailStatus.PENDING);
        assertThat(email.attempts).isZero();
        assertThat(email.nextAttemptAt).isEqualTo(NOW);
        assertThat(email.createdAt).isEqualTo(NOW);
        assertThat(email.lockedUntil).isEqualTo(LEASE_END);
        assertThat(email.body).isEqualTo("text");
        assertThat(email.htmlBody).isEqualTo("<p>html</p>");
    }

    @Test
    void messageIdIsTheEmailsOwnSoEveryAttemptRepeatsIt() {
        Email email = Email.queued("t", "s", "u", "u@example.test", "subject", "text", null, "{}", NOW, LEASE_END);

        assertThat(EmailSender.messageId(email)).isEqualTo("<" + email.id + "@learnhub.local>")
                .isNotEqualTo(EmailSender.messageId(Email.queued("t", "s", "u", "u@example.test", "subject", "text", null,
                        "{}", NOW, LEASE_END)));
    }
}
