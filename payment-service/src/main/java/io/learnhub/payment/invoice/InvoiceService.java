package io.learnhub.payment.invoice;

import java.time.Clock;
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
    private final CourseRepository courses;
    private final Clock clock;

    public InvoiceService(InvoiceRepository invoices, CourseRepository courses, Clock clock) {
        this.invoices = invoices;
        this.courses = courses;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<InvoiceView> issue(UUID courseId, String studentId) {
        return courses.findById(courseId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Course", courseId))
                .chain(course -> invoices.persist(Invoice.issue(course, studentId, clock.instant())))
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
}
