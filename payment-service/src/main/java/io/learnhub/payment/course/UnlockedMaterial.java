package io.learnhub.payment.course;

import java.util.UUID;

/** One row of a student's unlocked materials: the material and the course it belongs to. */
public record UnlockedMaterial(UUID courseId, String courseTitle, UUID materialId, String title, int position) {
}
