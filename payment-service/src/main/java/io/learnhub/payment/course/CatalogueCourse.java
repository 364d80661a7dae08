package io.learnhub.payment.course;

import java.math.BigDecimal;
import java.util.UUID;

/** One row of the course catalogue: a course, its number of materials and whether the student may open them. */
public record CatalogueCourse(UUID id, String title, String teacherId, BigDecimal price, String currency,
        long materialsCount, boolean unlocked) {
}
