package io.learnhub.report.stats;

import java.io.Serializable;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The key of a {@link TeacherWeekStats} row: teacher, ISO week (its Monday) and currency. */
@Embeddable
public record TeacherWeekStatsId(
        @Column(name = "teacher_id", nullable = false, length = 64) String teacherId,
        @Column(name = "week_start", nullable = false) LocalDate weekStart,
        @Column(name = "currency", nullable = false, length = 3) String currency) implements Serializable {
}
