package io.learnhub.payment.invoice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.security.Caller;
import io.learnhub.payment.course.CourseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Issuing invoices to students and showing them to whoever may see them. */
@ApplicationScoped
public class InvoiceService {

    private final InvoiceRepository invoices;
    private final IdempotencyKeyRepository idempotencyKeys;
    private final CourseRepository courses;
    private final Clock clock;

    public InvoiceService(InvoiceRepository invoices, IdempotencyKeyRepository idempotencyKeys, CourseRepository courses,
            Clock clock) {
        this.invoices = invoices;
        this.idempotencyKeys = idempotencyKeys;
        this.courses = courses;
        this.clock = clock;
    }

    /**
     * A new pending invoice for the course, owed by the student; {@code email} (may be null) is
     * where its payment will be confirmed. With an {@code idempotencyKey} (may be null), a repeat
     * of the same request returns the invoice the first one created, and the same key with another
     * course is refused with 409; concurrent repeats are serialised, so only one invoice is created.
     */
    @WithTransaction
    public Uni<IssuedInvoice> issue(UUID courseId, String studentId, String email, String idempotencyKey) {
        if (idempotencyKey == null) {
            return create(courseId, studentId, email).map(invoice -> new IssuedInvoice(invoice, false));
        }
        IdempotencyKeyId keyId = new IdempotencyKeyId(studentId, idempotencyKey);
        String requestHash = requestHash(courseId);
        return idempotencyKeys.lock(keyId)
                .chain(() -> idempotencyKeys.findById(keyId))
                .chain(known -> {
                    if (known == null) {
                        return create(courseId, studentId, email)
                                .call(invoice -> idempotencyKeys.persist(IdempotencyKey.of(keyId, requestHash, invoice.id(),
                                        clock.instant())))
                                .map(invoice -> new IssuedInvoice(invoice, false));
                    }
                    if (!known.requestHash.equals(requestHash)) {
                        return Uni.createFrom().failure(new IdempotencyKeyReusedException());
                    }
                    return invoices.findById(known.invoiceId).map(invoice -> new IssuedInvoice(InvoiceView.of(invoice), true));
                });
    }

    private Uni<InvoiceView> create(UUID courseId, String studentId, String email) {
        return courses.findById(courseId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Course", courseId))
                .chain(course -> invoices.persist(Invoice.issue(course, studentId, email, clock.instant())))
                .call(invoices::flush)
                .map(InvoiceView::of);
    }

    /**
     * The invoice if it belongs to the caller or the caller is an admin. Anyone else gets the same
     * 404 as for a missing invoice, so invoice ids cannot be probed for existence.
     */
    @WithSession
    public Uni<InvoiceView> findVisibleTo(UUID id, Caller caller) {
        return invoices.findById(id)
                .map(invoice -> invoice != null && (caller.isAdmin() || invoice.studentId.equals(caller.userId())) ? invoice : null)
                .onItem().ifNull().failWith(() -> new NotFoundException("Invoice", id))
                .map(InvoiceView::of);
    }

    /**
     * A page of invoices, newest first: the caller's own, or, for an admin, one student's
     * ({@code studentId}) or everyone's. Anyone else naming another student is refused with 403.
     */
    @WithSession
    public Uni<List<InvoiceView>> list(Caller caller, String studentId, InvoiceStatus status, int offset, int limit) {
        String owner;
        if (caller.isAdmin()) {
            owner = studentId;
        } else if (studentId == null || studentId.equals(caller.userId())) {
            owner = caller.userId();
        } else {
            return Uni.createFrom().failure(new OthersInvoicesForbiddenException());
        }
        return invoices.page(owner, status, offset, limit).map(page -> page.stream().map(InvoiceView::of).toList());
    }

    /** The canonical form of a creation request is its course id: nothing else in the body is read. */
    private static String requestHash(UUID courseId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(courseId.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
