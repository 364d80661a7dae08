package io.learnhub.payment.course;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MaterialRepository implements PanacheRepositoryBase<Material, UUID> {

    /*
     * One statement however many courses the student has: the materials with their course, in the
     * order the listing shows them.
     */
    private static final String UNLOCKED_FOR_STUDENT = """
            select new io.learnhub.payment.course.UnlockedMaterial(c.id, c.title, m.id, m.title, m.position)
            from MaterialAccess a, Material m, Course c
            where a.id.studentId = :studentId and m.id = a.id.materialId and c.id = m.courseId
            order by c.title, c.id, m.position""";

    /** Every material the student may open, across courses, ordered by course title, then position. */
    public Uni<List<UnlockedMaterial>> unlockedFor(String studentId) {
        return getSession().chain(session -> session.createSelectionQuery(UNLOCKED_FOR_STUDENT, UnlockedMaterial.class)
                .setParameter("studentId", studentId)
                .getResultList());
    }

    /** The course's materials in their order. */
    public Uni<List<Material>> ofCourse(UUID courseId) {
        return list("courseId", Sort.by("position"), courseId);
    }
}
