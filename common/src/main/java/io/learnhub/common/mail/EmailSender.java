package io.learnhub.common.mail;

import static io.learnhub.common.tracing.SharedSpans.EMAIL_ATTEMPT;
import static io.learnhub.common.tracing.SharedSpans.EMAIL_RECIPIENT_ID;
import static io.learnhub.common.tracing.SharedSpans.EMAIL_TEMPLATE;
import static io.learnhub.common.tracing.SharedSpans.SEND_EMAIL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.common.tracing.ReactiveSpans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Sends one queued email over SMTP in span {@code send_email} and records the outcome on its row:
 * SENT; or, after a failure, another attempt after a backoff that doubles each time; or, after the
 * last attempt, FAILED (logged and counted: an alert rule watches the counter). An email with an
 * HTML body goes out as text and HTML alternatives. Never fails its caller: the row holds whatever
 * happened.
 *
 * <p>Counter {@value #METRIC} ({@code learnhub_emails_total}) has tags {@code template} and
 * {@code outcome}: {@code sent}, {@code retry} (failed, will be tried again), {@code failed} (given up).
 */
// started with the service so the declared templates' counters are exported from the start: an alert's increase() needs the 0
@ApplicationScoped
@Startup
@IfBuildProperty(name = MailConfig.ENABLED, stringValue = "true")
public class EmailSender {

    static final String METRIC = "learnhub.emails";

    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^\\s<>\"'@,;:()]+@[^\\s<>\"',;:()]+");
    private static final int MAX_ERROR_LENGTH = 500;
    private static final String MESSAGE_ID = "Message-ID";
    private static final String SENT = "sent";
    private static final String RETRY = "retry";
    private static final String FAILED = "failed";

    private final ReactiveMailer mailer;
    private final EmailRepository emails;
    private final ReactiveSpans spans;
    private final MailConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Set<String> declaredTemplates;
    private final Set<String> undeclaredSeen = ConcurrentHashMap.newKeySet();

    public EmailSender(ReactiveMailer mailer, EmailRepository emails, ReactiveSpans spans, MailConfig config, Clock clock,
            MeterRegistry registry) {
        this.mailer = mailer;
        this.emails = emails;
        this.spans = spans;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.declaredTemplates = Set.copyOf(config.templates().orElse(List.of()));
        declaredTemplates.forEach(template -> List.of(SENT, RETRY, FAILED).forEach(outcome -> counter(template, outcome)));
    }

    /**
     * One attempt at the email, in span {@code send_email} under {@code parent} (the span that queued it).
     *
     * @return true when the SMTP server accepted it; false when the attempt failed and was recorded
     */
    public Uni<Boolean> send(Email email, Context parent) {
        int attempt = email.attempts + 1;
        return spans.inSpan(SEND_EMAIL, parent, context -> {
            Span.fromContext(context)
                    .setAttribute(EMAIL_TEMPLATE, email.template)
                    .setAttribute(EMAIL_RECIPIENT_ID, email.recipientId)
                    .setAttribute(EMAIL_ATTEMPT, (long) attempt);
            // deferred: the mailer validates addresses by throwing before it returns a Uni
            return Uni.createFrom().deferred(() -> mailer.send(mail(email)))
                    .onFailure().transform(EmailNotSentException::new)
                    .chain(() -> Panache.withTransaction(() -> emails.markSent(email.id, attempt, clock.instant())));
        })
                .invoke(() -> counter(email.template, SENT).increment())
                .replaceWith(true)
                .onFailure().recoverWithUni(failure -> recordFailure(email, attempt, failure).replaceWith(false));
    }

    /** {@code text} with anything shaped like an email address replaced by {@code <address>}. */
    static String withoutAddresses(String text) {
        return EMAIL_ADDRESS.matcher(text).replaceAll("<address>");
    }

    private Uni<Void> recordFailure(Email email, int attempt, Throwable failure) {
        String error = failure instanceof EmailNotSentException notSent ? notSent.reason() : String.valueOf(failure);
        boolean givingUp = attempt >= config.maxAttempts();
        Instant next = clock.instant().plus(backoff(attempt, config.initialBackoff(), config.maxBackoff()));
        // the SMTP server's reply may quote the address: the log gets it masked, the row in full
        String logged = withoutAddresses(error);
        if (givingUp) {
            counter(email.template, FAILED).increment();
            LOG.errorf("Email %s (%s for user %s) not sent after %d attempts; it stays FAILED in table emails: %s",
                    email.id, email.template, email.recipientId, attempt, logged);
        } else {
            counter(email.template, RETRY).increment();
            LOG.warnf("Email %s (%s for user %s) not sent (attempt %d of %d), retrying at %s: %s", email.id,
                    email.template, email.recipientId, attempt, config.maxAttempts(), next, logged);
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

    private static Mail mail(Email email) {
        Mail mail = Mail.withText(email.recipientAddress, email.subject, email.body).addHeader(MESSAGE_ID, messageId(email));
        // both bodies: a multipart/alternative message, which clients without HTML show as text
        return email.htmlBody == null ? mail : mail.setHtml(email.htmlBody);
    }

    /** Micrometer returns the registered counter when it exists, so this registers each (template, outcome) once. */
    private Counter counter(String template, String outcome) {
        if (!declaredTemplates.contains(template) && undeclaredSeen.add(template)) {
            LOG.warnf("Email template %s is not in learnhub.mail.templates: its counters start with its first send, "
                    + "so an alert may miss its first failure after a restart", template);
        }
        return Counter.builder(METRIC)
                .description("Email send attempts by template and outcome: sent, retry (failed, will be tried again), "
                        + "failed (given up)")
                .tag("template", template)
                .tag("outcome", outcome)
                .register(registry);
    }

    /**
     * The same Message-ID on every attempt at one email: should a send be repeated (the service
     * died after the SMTP server accepted it, before SENT was recorded), mail systems and clients
     * that deduplicate by Message-ID show it once.
     */
    static String messageId(Email email) {
        return "<" + email.id + "@learnhub.local>";
    }

    /** The wait after failed attempt {@code attempt}: {@code initial}, doubled per further attempt, capped at {@code max}. */
    static Duration backoff(int attempt, Duration initial, Duration max) {
        Duration wait = initial;
        for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
