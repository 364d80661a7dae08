package io.learnhub.common.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** How long the mail outbox waits before trying a failed email again. */
class EmailSenderBackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofMinutes(10);

    @Test
    void waitDoublesAfterEachFailedAttemptUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(attempt -> EmailSender.backoff(attempt, INITIAL, MAX)))
                .containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                        Duration.ofMinutes(8), MAX, MAX);
    }

    @Test
    void aCapBelowTheInitialWaitWins() {
        assertThat(EmailSender.backoff(1, INITIAL, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void manyAttemptsStayAtTheCap() {
        assertThat(EmailSender.backoff(1_000, INITIAL, MAX)).isEqualTo(MAX);
    }
}
