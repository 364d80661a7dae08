package io.learnhub.payment.course;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CourseRepository implements PanacheRepositoryBase<Course, UUID> {

    /*
     * One statement however many courses there are: each course with its number of materials and
     * whether the student holds any of them (the courses GET /api/payments/materials lists).
     */
    private static final String CATALOGUE = """
            select new io.learnhub.payment.course.CatalogueCourse(c.id, c.title, c.teacherId, c.price, c.currency,
                (select count(*) from Material m where m.courseId = c.id),
                exists (select 1 from MaterialAccess a, Material m
                        where a.id.studentId = :studentId and m.id = a.id.materialId and m.courseId = c.id))
            from Course c
            order by c.title, c.id""";

    /** The first {@code limit} courses by title, then id, each flagged unlocked when the student may open its materials. */
    public Uni<List<CatalogueCourse>> catalogueFor(String studentId, int limit) {
        return getSession().chain(session -> session.createSelectionQuery(CATALOGUE, CatalogueCourse.class)
                .setParameter("studentId", studentId)
                .setMaxResults(limit)
                .getResultList());
    }
}
