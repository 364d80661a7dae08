package io.learnhub.payment.course;

import static io.learnhub.payment.tracing.PaymentSpans.COURSES_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.LIST_UNLOCKED_MATERIALS;
import static io.learnhub.payment.tracing.PaymentSpans.LOCK_MATERIALS;
import static io.learnhub.payment.tracing.PaymentSpans.MATERIALS_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.UNLOCK_MATERIALS;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.persistence.AdvisoryLocks;
import io.learnhub.common.tracing.DbQueryCount;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What a student may open in a course, and granting it when the course is paid for. */
@ApplicationScoped
public class MaterialService {

    private final CourseRepository courses;
    private final MaterialRepository materials;
    private final MaterialAccessRepository accesses;
    private final ReactiveSpans spans;

    public MaterialService(CourseRepository courses, MaterialRepository materials, MaterialAccessRepository accesses,
            ReactiveSpans spans) {
        this.courses = courses;
        this.materials = materials;
        this.accesses = accesses;
        this.spans = spans;
    }

    @WithSession
    public Uni<List<MaterialView>> forCaller(UUID courseId, String userId) {
        return courses.findById(courseId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Course", courseId))
                .chain(course -> materials.ofCourse(courseId))
                .chain(ofCourse -> accesses.unlockedFor(userId, ofCourse.stream().map(m -> m.id).toList())
                        .map(unlocked -> ofCourse.stream()
                                .map(m -> new MaterialView(m.id, m.title, unlocked.contains(m.id)))
                                .toList()));
    }

    /**
     * Every material the student may open, grouped by course, in span {@code list_unlocked_materials}
     * with the number of database statements it took ({@code db.query_count}): one, however many
     * courses the student has.
     */
    public Uni<List<UnlockedCourseView>> unlockedFor(String studentId) {
        return spans.inSpan(LIST_UNLOCKED_MATERIALS, DbQueryCount.counting(Context.current()), context -> {
            Span span = Span.fromContext(context).setAttribute(SharedSpans.USER_ID, studentId);
            return Panache.withSession(() -> materials.unlockedFor(studentId))
                    .map(UnlockedCourseView::of)
                    .invoke(courses -> span.setAttribute(COURSES_COUNT, (long) courses.size())
                            .setAttribute(MATERIALS_COUNT, courses.stream().mapToLong(course -> course.materials().size()).sum())
                            .setAttribute(SharedSpans.DB_QUERY_COUNT, DbQueryCount.of(context)));
        });
    }

    /**
     * Locks again what the invoice unlocked (its payment was refunded), inside the caller's
     * transaction, in span {@code lock_materials} under the current one; {@code materials_count}
     * is the number locked. What the student also holds through another paid invoice for the same
     * course stays open.
     */
    public Uni<Integer> lockInvoice(UUID invoiceId, String studentId, UUID courseId) {
        return spans.inSpan(LOCK_MATERIALS, span -> lockAccess(studentId, courseId)
                .chain(() -> accesses.revokeInvoice(invoiceId))
                .chain(revoked -> accesses.regrantFromPaidInvoices(studentId, courseId).map(regranted -> revoked - regranted))
                .invoke(count -> span.setAttribute(MATERIALS_COUNT, count.longValue())));
    }

    /**
     * Granting and revoking a student's access to one course take turns until their transactions
     * end: a refund of one invoice then always sees another invoice for the course that was paid
     * meanwhile (and grants its materials again), and a payment always sees a refund's deletions.
     */
    private static Uni<Void> lockAccess(String studentId, UUID courseId) {
        return AdvisoryLocks.lockForTransaction("material-access", studentId, courseId.toString());
    }

    /**
     * Grants the student every material of the course, inside the caller's transaction, in span
     * {@code unlock_materials} under the current one. Emits the number of materials newly unlocked.
     */
    public Uni<Integer> unlockCourse(UUID courseId, String studentId, UUID invoiceId, Instant at) {
        return spans.inSpan(UNLOCK_MATERIALS, span -> lockAccess(studentId, courseId)
                .chain(() -> accesses.grantCourse(courseId, studentId, invoiceId, at))
                .invoke(count -> span.setAttribute(MATERIALS_COUNT, count.longValue())));
    }
}
