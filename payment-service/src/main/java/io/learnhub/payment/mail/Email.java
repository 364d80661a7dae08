package io.learnhub.payment.mail;

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
 */
@Entity
@Table(name = "emails")
public class Email {

    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String template;

    /** What the email is about: the invoice id of a payment confirmation. */
    @Column(name = "subject_id", nullable = false, length = 64)
    public String subjectId;

    @Column(name = "recipient_id", nullable = false, length = 64)
    public String recipientId;

    @Column(name = "recipient_address", nullable = false, length = 320)
    public String recipientAddress;

    @Column(nullable = false, length = 300)
    public String subject;

    @Column(nullable = false)
    public String body;

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
}
