package io.learnhub.payment.mail;

import static io.learnhub.payment.tracing.PaymentSpans.EMAIL_ATTEMPT;
import static io.learnhub.payment.tracing.PaymentSpans.EMAIL_RECIPIENT_ID;
import static io.learnhub.payment.tracing.PaymentSpans.EMAIL_TEMPLATE;
import static io.learnhub.payment.tracing.PaymentSpans.SEND_EMAIL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.common.tracing.ReactiveSpans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Sends one queued email over SMTP in span {@code send_email} and records the outcome on its row:
 * SENT; or, after a failure, another attempt after a backoff that doubles each time; or, after the
 * last attempt, FAILED (logged and counted: an alert rule watches the counter). Never fails its
 * caller: the row holds whatever happened.
 */
// started with the service so its counters are exported from the start: an alert's increase() needs the 0
@ApplicationScoped
@Startup
public class EmailSender {

    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    private static final int MAX_ERROR_LENGTH = 500;
    private static final String MESSAGE_ID = "Message-ID";

    private final ReactiveMailer mailer;
    private final EmailRepository emails;
    private final ReactiveSpans spans;
    private final MailConfig config;
    private final Clock clock;
    private final Counter sent;
    private final Counter retried;
    private final Counter failed;

    public EmailSender(ReactiveMailer mailer, EmailRepository emails, ReactiveSpans spans, MailConfig config, Clock clock,
            MeterRegistry registry) {
        this.mailer = mailer;
        this.emails = emails;
        this.spans = spans;
        this.config = config;
        this.clock = clock;
        this.sent = outcomeCounter(registry, "sent");
        this.retried = outcomeCounter(registry, "retry");
        this.failed = outcomeCounter(registry, "failed");
    }

    private static Counter outcomeCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("learnhub.payments.emails")
                .description("Email send attempts by outcome: sent, retry (failed, will be tried again), failed (given up)")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** One attempt at the email, in span {@code send_email} under {@code parent} (the span that queued it). */
    public Uni<Void> send(Email email, Context parent) {
        int attempt = email.attempts + 1;
        return spans.inSpan(SEND_EMAIL, parent, context -> {
            Span.fromContext(context)
                    .setAttribute(EMAIL_TEMPLATE, email.template)
                    .setAttribute(EMAIL_RECIPIENT_ID, email.recipientId)
                    .setAttribute(EMAIL_ATTEMPT, (long) attempt);
            // deferred: the mailer validates addresses by throwing before it returns a Uni
            return Uni.createFrom().deferred(() -> mailer.send(Mail.withText(email.recipientAddress, email.subject, email.body)
                    .addHeader(MESSAGE_ID, messageId(email))))
                    .onFailure().transform(EmailNotSentException::new)
                    .chain(() -> Panache.withTransaction(() -> emails.markSent(email.id, attempt, clock.instant())));
        })
                .invoke(() -> sent.increment())
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> recordFailure(email, attempt, failure));
    }

    private Uni<Void> recordFailure(Email email, int attempt, Throwable failure) {
        String error = failure instanceof EmailNotSentException notSent ? notSent.reason() : String.valueOf(failure);
        boolean givingUp = attempt >= config.maxAttempts();
        Instant next = clock.instant().plus(backoff(attempt));
        if (givingUp) {
            failed.increment();
            LOG.errorf("Email %s (%s for user %s) not sent after %d attempts; it stays FAILED in table emails: %s",
                    email.id, email.template, email.recipientId, attempt, error);
        } else {
            retried.increment();
            LOG.warnf("Email %s (%s for user %s) not sent (attempt %d of %d), retrying at %s: %s", email.id,
                    email.template, email.recipientId, attempt, config.maxAttempts(), next, error);
        }
        return Panache.withTransaction(() -> emails.markAttemptFailed(email.id, attempt,
                givingUp ? EmailStatus.FAILED : EmailStatus.PENDING, next, truncate(error)))
                .replaceWithVoid()
                .onFailure().recoverWithUni(unrecorded -> {
                    // the lease runs out and the relay tries the email again: it is not lost
                    LOG.errorf(unrecorded, "Could not record the failed attempt of email %s", email.id);
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * The same Message-ID on every attempt at one email: should a send be repeated (the service
     * died after the SMTP server accepted it, before SENT was recorded), mail systems and clients
     * that deduplicate by Message-ID show it once.
     */
    static String messageId(Email email) {
        return "<" + email.id + "@learnhub.local>";
    }

    /** The wait after failed attempt {@code attempt}: the initial backoff, doubled per further attempt, capped. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
