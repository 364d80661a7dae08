package io.learnhub.payment.invoice;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.NotFoundException;
import io.learnhub.payment.course.Course;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Issuing invoices to students and showing them to whoever may see them. */
@ApplicationScoped
public class InvoiceService {

    @WithTransaction
    public Uni<InvoiceView> issue(UUID courseId, String studentId) {
        return Course.<Course> findById(courseId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Course", courseId))
                .chain(course -> Invoice.issue(course, studentId, Instant.now()).<Invoice> persist())
                .map(InvoiceView::of);
    }

    /**
     * The invoice if it belongs to the caller or the caller is an admin. Anyone else gets the same
     * 404 as for a missing invoice, so invoice ids cannot be probed for existence.
     */
    @WithSession
    public Uni<InvoiceView> findVisibleTo(UUID id, String userId, boolean admin) {
        return Invoice.<Invoice> findById(id)
                .map(invoice -> invoice != null && (admin || invoice.studentId.equals(userId)) ? invoice : null)
                .onItem().ifNull().failWith(() -> new NotFoundException("Invoice", id))
                .map(InvoiceView::of);
    }
}
