package io.learnhub.payment.course;

import static io.learnhub.payment.tracing.PaymentSpans.MATERIALS_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.UNLOCK_MATERIALS;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.tracing.ReactiveSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What a student may open in a course, and granting it when the course is paid for. */
@ApplicationScoped
public class MaterialService {

    /*
     * One statement, idempotent: a student who already holds a material (say from an earlier
     * invoice for the same course) keeps the original grant.
     */
    private static final String GRANT_COURSE_MATERIALS = """
            insert into material_access (student_id, material_id, invoice_id, unlocked_at)
            select :studentId, m.id, :invoiceId, :unlockedAt from materials m where m.course_id = :courseId
            on conflict (student_id, material_id) do nothing""";

    private final ReactiveSpans spans;

    public MaterialService(ReactiveSpans spans) {
        this.spans = spans;
    }

    @WithSession
    public Uni<List<MaterialView>> forCaller(UUID courseId, String userId) {
        return Course.<Course> findById(courseId)
                .onItem().ifNull().failWith(() -> new NotFoundException("Course", courseId))
                .chain(course -> Material.ofCourse(courseId))
                .chain(materials -> MaterialAccess.unlockedFor(userId, materials.stream().map(m -> m.id).toList())
                        .map(unlocked -> materials.stream()
                                .map(m -> new MaterialView(m.id, m.title, unlocked.contains(m.id)))
                                .toList()));
    }

    /**
     * Grants the student every material of the course, inside the caller's transaction, in span
     * {@code unlock_materials}. Emits the number of materials newly unlocked.
     */
    public Uni<Integer> unlockCourse(Context parent, UUID courseId, String studentId, UUID invoiceId, Instant at) {
        return spans.inSpan(UNLOCK_MATERIALS, parent, context -> Panache.getSession()
                .chain(session -> session.createNativeQuery(GRANT_COURSE_MATERIALS)
                        .setParameter("studentId", studentId)
                        .setParameter("invoiceId", invoiceId)
                        .setParameter("unlockedAt", at)
                        .setParameter("courseId", courseId)
                        .executeUpdate())
                .invoke(count -> Span.fromContext(context).setAttribute(MATERIALS_COUNT, count.longValue())));
    }
}
