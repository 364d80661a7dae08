package io.learnhub.report.stats;

import java.math.RoundingMode;
import java.time.LocalDate;

/** One row of {@code GET /api/reports/stats}: a teacher's paid invoices and revenue in one ISO week and currency. */
public record WeeklyStats(String teacherId, LocalDate weekStart, int paidInvoices, Money revenue) {

    /** An amount as the other services write it: a decimal string with two fraction digits, and its currency. */
    public record Money(String value, String currency) {
    }

    static WeeklyStats of(TeacherWeekStats row) {
        return new WeeklyStats(row.id.teacherId(), row.id.weekStart(), row.paidInvoices,
                new Money(row.revenue.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), row.id.currency()));
    }
}
