package io.learnhub.report.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * One row of {@code GET /api/reports/stats}: a teacher's paid invoices, revenue and refunds in one
 * ISO week and currency (revenue is what was paid in the week; refunded what was refunded in it).
 */
public record WeeklyStats(String teacherId, LocalDate weekStart, int paidInvoices, Money revenue, int refunds,
        Money refunded) {

    /** An amount as the other services write it: a decimal string with two fraction digits, and its currency. */
    public record Money(String value, String currency) {
    }

    /** A decimal string with two fraction digits, as the other services write amounts. */
    public static String plain(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    static WeeklyStats of(TeacherWeekStats row) {
        return new WeeklyStats(row.id.teacherId(), row.id.weekStart(), row.paidInvoices,
                new Money(plain(row.revenue), row.id.currency()), row.refunds, new Money(plain(row.refunded), row.id.currency()));
    }
}
