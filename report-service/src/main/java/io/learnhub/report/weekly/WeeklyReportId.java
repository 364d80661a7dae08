package io.learnhub.report.weekly;

import java.io.Serializable;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The key of a {@link WeeklyReport}: teacher and ISO week (its Monday). */
@Embeddable
public record WeeklyReportId(
        @Column(name = "teacher_id", nullable = false, length = 64) String teacherId,
        @Column(name = "week_start", nullable = false) LocalDate weekStart) implements Serializable {
}
