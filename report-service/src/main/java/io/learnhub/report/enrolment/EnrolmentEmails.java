package io.learnhub.report.enrolment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.common.mail.Email;
import io.learnhub.common.mail.EmailRepository;
import io.learnhub.common.mail.EmailSender;
import io.learnhub.common.mail.MailConfig;
import io.learnhub.common.tracing.TraceContexts;
import io.learnhub.report.stats.InvoicePaid;
import io.learnhub.report.tracing.ReportSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * The email that tells a teacher a student has enrolled in their course: one per paid invoice,
 * queued in the transaction that records the payment and sent after it commits.
 */
@ApplicationScoped
public class EnrolmentEmails {

    static final String TEMPLATE = "enrolment";

    private static final Logger LOG = Logger.getLogger(EnrolmentEmails.class);
    private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final EmailRepository emails;
    private final EmailSender sender;
    private final TraceContexts traceContexts;
    private final MailConfig mailConfig;

    EnrolmentEmails(EmailRepository emails, EmailSender sender, TraceContexts traceContexts, MailConfig mailConfig) {
        this.emails = emails;
        this.sender = sender;
        this.traceContexts = traceContexts;
        this.mailConfig = mailConfig;
    }

    /**
     * Queues the teacher's email in the caller's transaction, traced under {@code parent}; empty
     * when the course gave no address, or when this invoice's email was queued before.
     */
    public Uni<Optional<Email>> queue(Context parent, InvoicePaid paid, Instant now) {
        if (paid.teacherEmail() == null || paid.teacherEmail().isBlank()) {
            Span.fromContext(parent).addEvent(ReportSpans.EVENT_NO_RECIPIENT_ADDRESS);
            LOG.infof("No enrolment email for invoice %s: no address is known for teacher %s", paid.invoiceId(),
                    paid.teacherId());
            return Uni.createFrom().item(Optional.empty());
        }
        Email email = Email.queued(TEMPLATE, paid.invoiceId().toString(), paid.teacherId(), paid.teacherEmail(),
                "New student in " + paid.courseTitle(), body(paid), null, traceContexts.capture(parent), now,
                now.plus(mailConfig.lease()));
        return emails.queue(email).map(queued -> queued ? Optional.of(email) : Optional.empty());
    }

    /** Sends a queued email in span {@code send_email} under {@code parent}; a failure is left to the relay. */
    public Uni<Void> send(Email email, Context parent) {
        return sender.send(email, parent).replaceWithVoid();
    }

    private static String body(InvoicePaid paid) {
        return """
                Hello,

                a new student has enrolled in "%s".

                Student: %s
                Paid at: %s
                Invoice: %s

                Your weekly report will count them with this week's enrolments.

                LearnHub
                """.formatted(paid.courseTitle(), paid.studentId(), PAID_AT.format(paid.paidAt()), paid.invoiceId());
    }
}
