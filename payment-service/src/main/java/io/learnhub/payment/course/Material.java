package io.learnhub.payment.course;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** One lesson of a course, shown in {@code position} order. */
@Entity
@Table(name = "materials")
public class Material extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "course_id", nullable = false)
    public UUID courseId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public int position;

    public static Uni<List<Material>> ofCourse(UUID courseId) {
        return list("courseId", Sort.by("position"), courseId);
    }
}
