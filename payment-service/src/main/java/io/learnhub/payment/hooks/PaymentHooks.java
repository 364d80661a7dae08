package io.learnhub.payment.hooks;

import static io.learnhub.payment.tracing.PaymentSpans.EVENT_NO_RECIPIENT_ADDRESS;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.ProcessedEvents;
import io.learnhub.common.mail.Email;
import io.learnhub.common.mail.EmailRepository;
import io.learnhub.common.mail.EmailSender;
import io.learnhub.common.mail.MailConfig;
import io.learnhub.common.tracing.TraceContexts;
import io.learnhub.payment.invoice.InvoicePaid;
import io.learnhub.payment.invoice.InvoiceRepository;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What happens once an invoice is paid, driven by payments.invoice-paid.v1 so that a slow SMTP
 * server never holds up the provider's webhook: the student's confirmation email. The event is
 * marked processed and the email queued in one transaction (so a redelivered event queues
 * nothing), and the email is sent after the commit; if that send fails or never happens (the
 * service stopped), common's mail relay retries it.
 */
@ApplicationScoped
public class PaymentHooks {

    private static final Logger LOG = Logger.getLogger(PaymentHooks.class);

    private final InvoiceRepository invoices;
    private final EmailRepository emails;
    private final EmailSender sender;
    private final TraceContexts traceContexts;
    private final MailConfig mailConfig;
    private final Clock clock;

    public PaymentHooks(InvoiceRepository invoices, EmailRepository emails, EmailSender sender, TraceContexts traceContexts,
            MailConfig mailConfig, Clock clock) {
        this.invoices = invoices;
        this.emails = emails;
        this.sender = sender;
        this.traceContexts = traceContexts;
        this.mailConfig = mailConfig;
        this.clock = clock;
    }

    /**
     * Runs the hooks of one invoice-paid event under the current span ({@code run_payment_hooks}).
     *
     * @return false when the event had been processed before and nothing was done
     */
    public Uni<Boolean> run(EventEnvelope<InvoicePaid> event) {
        Context hooks = Context.current();
        Instant now = clock.instant();
        return Panache.withTransaction(() -> ProcessedEvents.markProcessed(event.eventId(), now)
                .chain(first -> first
                        ? queueConfirmation(hooks, event.data(), now).map(queued -> new Run(true, queued))
                        : Uni.createFrom().item(new Run(false, Optional.empty()))))
                .call(run -> run.queued().map(email -> sender.send(email, hooks).replaceWithVoid())
                        .orElse(Uni.createFrom().voidItem()))
                .map(Run::processed);
    }

    private Uni<Optional<Email>> queueConfirmation(Context hooks, InvoicePaid paid, Instant now) {
        return invoices.findById(paid.invoiceId()).chain(invoice -> {
            if (invoice == null || invoice.studentEmail == null || invoice.studentEmail.isBlank()) {
                Span.fromContext(hooks).addEvent(EVENT_NO_RECIPIENT_ADDRESS);
                LOG.infof("No confirmation email for invoice %s: no email address is known for student %s",
                        paid.invoiceId(), paid.studentId());
                return Uni.createFrom().item(Optional.empty());
            }
            Email email = PaymentConfirmation.of(paid, invoice.studentEmail, traceContexts.capture(hooks), now,
                    now.plus(mailConfig.lease()));
            return emails.queue(email).map(queued -> queued ? Optional.of(email) : Optional.empty());
        });
    }

    private record Run(boolean processed, Optional<Email> queued) {
    }
}
