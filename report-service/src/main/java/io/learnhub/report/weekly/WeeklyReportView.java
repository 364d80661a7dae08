package io.learnhub.report.weekly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One teacher's report of one ISO week as {@code GET /api/reports/weekly} shows it. */
public record WeeklyReportView(String teacherId, LocalDate weekStart, int enrolments, int refunds,
        List<TeacherWeek.Amounts> revenue, int messages, int activeStudents, String text, String html, UUID runId,
        Instant generatedAt) {
}
