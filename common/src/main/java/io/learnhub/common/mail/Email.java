package io.learnhub.common.mail;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An email to send, written in the transaction that decided to send it and sent after the commit
 * (the mail outbox). At most one per template and subject; retried with backoff until sent or
 * given up on. {@code traceContext} is the W3C context of the span that queued it, the parent of
 * every {@code send_email} attempt.
 *
 * <p>A service that switches mail on ({@link MailConfig#ENABLED}) creates the {@code emails} table
 * in its own schema migration with this DDL (payment-service's migrations V2 and V4 add up to it),
 * and lists {@code io.learnhub.common.mail} in {@code quarkus.hibernate-orm.packages} if it names
 * its entity packages; a service that does not send email and names its packages leaves it out,
 * since Hibernate validates every entity it maps against the schema:
 *
 * <pre>{@code
 * create table emails (
 *     id uuid primary key, template varchar(64) not null, subject_id varchar(128) not null,
 *     recipient_id varchar(64) not null, recipient_address varchar(320) not null,
 *     subject varchar(300) not null, body text not null, html_body text,
 *     status varchar(16) not null check (status in ('PENDING', 'SENT', 'FAILED')),
 *     attempts int not null default 0, next_attempt_at timestamptz not null, locked_until timestamptz,
 *     last_error varchar(500), trace_context text not null, created_at timestamptz not null,
 *     sent_at timestamptz,
 *     unique (template, subject_id),
 *     check ((status = 'SENT') = (sent_at is not null)));
 * create index emails_due_idx on emails (next_attempt_at) where status = 'PENDING';
 * }</pre>
 */
@Entity
@Table(name = "emails")
public class Email {

    @Id
    public UUID id;

    /** Which kind of email this is, e.g. {@code payment-confirmation}: a tag of the span and the counters. */
    @Column(nullable = false, length = 64)
    public String template;

    /** What the email is about, e.g. the invoice id of a payment confirmation; unique per template. */
    @Column(name = "subject_id", nullable = false, length = 128)
    public String subjectId;

    /** The recipient's user id: what spans and logs name instead of the address. */
    @Column(name = "recipient_id", nullable = false, length = 64)
    public String recipientId;

    @Column(name = "recipient_address", nullable = false, length = 320)
    public String recipientAddress;

    @Column(nullable = false, length = 300)
    public String subject;

    /** The plain-text body. */
    @Column(nullable = false)
    public String body;

    /** An HTML alternative to {@link #body}, or null for a text-only email. */
    @Column(name = "html_body")
    public String htmlBody;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EmailStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "trace_context", nullable = false)
    public String traceContext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /**
     * A new email, due {@code now}, to hand to {@link EmailRepository#queue}. It comes leased until
     * {@code leaseEnd} ({@code now} plus {@link MailConfig#lease()}) to the caller, who sends it
     * right after the commit with {@link EmailSender#send}; the relay only takes it if that has not
     * happened within the lease.
     *
     * @param htmlBody an HTML alternative to {@code textBody}, or null
     * @param traceContext the captured context ({@code TraceContexts.capture}) every attempt is traced under
     */
    public static Email queued(String template, String subjectId, String recipientId, String address, String subject,
            String textBody, String htmlBody, String traceContext, Instant now, Instant leaseEnd) {
        Email email = new Email();
        email.id = UUID.randomUUID();
        email.template = template;
        email.subjectId = subjectId;
        email.recipientId = recipientId;
        email.recipientAddress = address;
        email.subject = subject;
        email.body = textBody;
        email.htmlBody = htmlBody;
        email.status = EmailStatus.PENDING;
        email.nextAttemptAt = now;
        email.lockedUntil = leaseEnd;
        email.traceContext = traceContext;
        email.createdAt = now;
        return email;
    }
}
