package io.learnhub.report.weekly;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.learnhub.report.stats.WeeklyStats;

/**
 * What one teacher's report of one ISO week says: enrolments (paid invoices), refunds, revenue per
 * currency (never converted), messages in their rooms and the students who wrote them.
 * {@code email} is where it goes, null when no address is known.
 */
public record TeacherWeek(String teacherId, String email, LocalDate weekStart, int enrolments, int refunds,
        List<Revenue> revenue, int messages, int activeStudents) {

    /** One currency's money: paid in the week, refunded in the week, and the difference. */
    public record Revenue(String currency, BigDecimal paid, BigDecimal refunded) {

        public BigDecimal net() {
            return paid.subtract(refunded);
        }

        /** As the report's JSON and API show it: decimal strings with two fraction digits. */
        public Amounts amounts() {
            return new Amounts(currency, WeeklyStats.plain(paid), WeeklyStats.plain(refunded), WeeklyStats.plain(net()));
        }
    }

    /** {@code {"currency","revenue","refunded","net"}}. */
    public record Amounts(String currency, String revenue, String refunded, String net) {
    }
}
