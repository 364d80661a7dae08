package io.learnhub.payment.course;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MaterialRepository implements PanacheRepositoryBase<Material, UUID> {

    /** The course's materials in their order. */
    public Uni<List<Material>> ofCourse(UUID courseId) {
        return list("courseId", Sort.by("position"), courseId);
    }
}
