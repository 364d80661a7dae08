package io.learnhub.common.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@IfBuildProperty(name = MailConfig.ENABLED, stringValue = "true")
public class EmailRepository implements PanacheRepositoryBase<Email, UUID> {

    /*
     * ON CONFLICT DO NOTHING on (template, subject_id): a second attempt to queue the same email
     * (a redelivered event, a concurrent consumer) waits for the first transaction and then
     * queues nothing.
     */
    private static final String QUEUE = """
            insert into emails (id, template, subject_id, recipient_id, recipient_address, subject, body, html_body,
                                status, attempts, next_attempt_at, locked_until, trace_context, created_at)
            values (:id, :template, :subjectId, :recipientId, :recipientAddress, :subject, :body, :htmlBody,
                    'PENDING', 0, :nextAttemptAt, :lockedUntil, :traceContext, :createdAt)
            on conflict (template, subject_id) do nothing""";

    /** SKIP LOCKED: relays of several replicas never take the same rows, nor wait for each other. */
    private static final String CLAIM_DUE = """
            select * from emails
            where status = 'PENDING' and next_attempt_at <= :now and (locked_until is null or locked_until < :now)
            order by next_attempt_at
            limit :limit
            for update skip locked""";

    /** Queues the email in the caller's transaction; false when one with its template and subject exists. */
    public Uni<Boolean> queue(Email email) {
        return getSession().chain(session -> session.createNativeQuery(QUEUE)
                .setParameter("id", email.id)
                .setParameter("template", email.template)
                .setParameter("subjectId", email.subjectId)
                .setParameter("recipientId", email.recipientId)
                .setParameter("recipientAddress", email.recipientAddress)
                .setParameter("subject", email.subject)
                .setParameter("body", email.body)
                .setParameter("htmlBody", email.htmlBody)
                .setParameter("nextAttemptAt", email.nextAttemptAt)
                .setParameter("lockedUntil", email.lockedUntil)
                .setParameter("traceContext", email.traceContext)
                .setParameter("createdAt", email.createdAt)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * Takes up to {@code limit} pending emails that are due and not leased, oldest due first, and
     * leases them until {@code leaseEnd}. Must run in a transaction: the row locks end with it.
     */
    public Uni<List<Email>> claimDue(Instant now, Instant leaseEnd, int limit) {
        return getSession()
                .chain(session -> session.createNativeQuery(CLAIM_DUE, Email.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList())
                .invoke(emails -> emails.forEach(email -> email.lockedUntil = leaseEnd));
    }

    /**
     * Extends the lease of an email this sender claimed, just before sending it; false when the
     * lease ran out meanwhile and another sender may have taken the email (then it is not sent here).
     */
    public Uni<Boolean> renewLease(UUID id, Instant heldUntil, Instant until) {
        return update("lockedUntil = ?1 where id = ?2 and status = ?3 and lockedUntil = ?4", until, id, EmailStatus.PENDING,
                heldUntil).map(updated -> updated == 1);
    }

    public Uni<Integer> markSent(UUID id, int attempts, Instant at) {
        return update("status = ?1, attempts = ?2, sentAt = ?3, lockedUntil = null, lastError = null where id = ?4",
                EmailStatus.SENT, attempts, at, id);
    }

    public Uni<Integer> markAttemptFailed(UUID id, int attempts, EmailStatus status, Instant nextAttemptAt, String error) {
        return update("status = ?1, attempts = ?2, nextAttemptAt = ?3, lockedUntil = null, lastError = ?4 where id = ?5",
                status, attempts, nextAttemptAt, error, id);
    }
}
