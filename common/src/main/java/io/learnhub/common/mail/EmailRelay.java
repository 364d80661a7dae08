package io.learnhub.common.mail;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.TraceContexts;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends the emails that are due: retries after a failed attempt, and emails whose first sender
 * stopped before finishing (the service restarted between commit and send; the lease expired).
 * Each attempt is traced under the context stored with the email, so it joins the trace that
 * queued it. Rows are claimed with a lease and SKIP LOCKED, so any number of replicas may run it.
 */
@ApplicationScoped
@IfBuildProperty(name = MailConfig.ENABLED, stringValue = "true")
public class EmailRelay {

    private final EmailRepository emails;
    private final EmailSender sender;
    private final TraceContexts traceContexts;
    private final ReactiveSpans spans;
    private final MailConfig config;
    private final Clock clock;

    public EmailRelay(EmailRepository emails, EmailSender sender, TraceContexts traceContexts, ReactiveSpans spans,
            MailConfig config, Clock clock) {
        this.emails = emails;
        this.sender = sender;
        this.traceContexts = traceContexts;
        this.spans = spans;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "email-relay", every = "${learnhub.mail.relay-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // not while the service starts or stops: the database pool may be closed already
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sendDue() {
        Instant now = clock.instant();
        // the poll leaves no trace; each attempt is traced under its email's stored context
        return spans.untraced(() -> Panache.withTransaction(() -> emails.claimDue(now, now.plus(config.lease()), config.batchSize()))
                .onItem().transformToMulti(due -> Multi.createFrom().iterable(due))
                .onItem().transformToUniAndConcatenate(this::sendIfStillLeased)
                .onItem().ignoreAsUni());
    }

    /**
     * A batch is sent one email after another, so a slow SMTP server could outlast the batch's
     * lease: each email's lease is renewed right before its send, and an email whose lease ran out
     * (another replica may be sending it) is left alone.
     */
    private Uni<Void> sendIfStillLeased(Email email) {
        Instant heldUntil = email.lockedUntil;
        Instant renewedUntil = clock.instant().plus(config.lease());
        return Panache.withTransaction(() -> emails.renewLease(email.id, heldUntil, renewedUntil))
                .chain(stillOurs -> stillOurs
                        ? sender.send(email, traceContexts.restore(email.traceContext)).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }
}
