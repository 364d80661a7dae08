package io.learnhub.payment.course;

import static io.learnhub.payment.tracing.PaymentSpans.MATERIALS_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.UNLOCK_MATERIALS;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.tracing.ReactiveSpans;
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
     * Grants the student every material of the course, inside the caller's transaction, in span
     * {@code unlock_materials} under the current one. Emits the number of materials newly unlocked.
     */
    public Uni<Integer> unlockCourse(UUID courseId, String studentId, UUID invoiceId, Instant at) {
        return spans.inSpan(UNLOCK_MATERIALS, span -> accesses.grantCourse(courseId, studentId, invoiceId, at)
                .invoke(count -> span.setAttribute(MATERIALS_COUNT, count.longValue())));
    }
}
