package io.learnhub.payment.course;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A course in the caller's unlocked materials: {@code {"courseId","title","materials":[{"id","title"}]}}. */
public record UnlockedCourseView(UUID courseId, String title, List<Material> materials) {

    public record Material(UUID id, String title) {
    }

    /** Groups rows ordered by course into one view per course, keeping their order. */
    public static List<UnlockedCourseView> of(List<UnlockedMaterial> rows) {
        Map<UUID, UnlockedCourseView> courses = new LinkedHashMap<>();
        for (UnlockedMaterial row : rows) {
            courses.computeIfAbsent(row.courseId(), id -> new UnlockedCourseView(id, row.courseTitle(), new ArrayList<>()))
                    .materials().add(new Material(row.materialId(), row.title()));
        }
        return List.copyOf(courses.values());
    }
}
