package io.learnhub.report.teacher;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TeacherRepository implements PanacheRepositoryBase<Teacher, String> {

    // One statement, so two consumers naming the same teacher at once cannot collide; an event
    // without an address never erases the one a payment gave.
    private static final String LEARN = """
            insert into teachers (teacher_id, email, first_seen_at, updated_at)
            values (:teacherId, :email, :now, :now)
            on conflict (teacher_id) do update
               set email = coalesce(excluded.email, teachers.email),
                   updated_at = excluded.updated_at""";

    private static final String LEARN_COURSE = """
            insert into course_teachers (course_id, teacher_id) values (:courseId, :teacherId)
            on conflict (course_id) do update set teacher_id = excluded.teacher_id""";

    /** Records that the teacher exists, with their address when the event gave one; in the caller's transaction. */
    public Uni<Void> learn(String teacherId, String email, Instant now) {
        return getSession()
                .chain(session -> session.createNativeQuery(LEARN)
                        .setParameter("teacherId", teacherId)
                        .setParameter("email", email == null || email.isBlank() ? null : email)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Records whose course it is, so that the course's rooms count for its teacher; in the caller's transaction. */
    public Uni<Void> learnCourse(UUID courseId, String teacherId) {
        return getSession()
                .chain(session -> session.createNativeQuery(LEARN_COURSE)
                        .setParameter("courseId", courseId)
                        .setParameter("teacherId", teacherId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Every known teacher, by id: one query. */
    public Uni<List<Teacher>> listAllById() {
        return listAll(Sort.ascending("teacherId"));
    }
}
