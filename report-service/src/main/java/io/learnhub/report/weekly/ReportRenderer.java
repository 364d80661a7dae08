package io.learnhub.report.weekly;

import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;

import jakarta.enterprise.context.ApplicationScoped;

/** The words of a weekly report, as plain text and as HTML with the same content. */
@ApplicationScoped
public class ReportRenderer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    /** The subject line of the report's email. */
    public String subject(TeacherWeek week) {
        return "Your LearnHub week " + isoWeek(week) + ": " + week.enrolments()
                + (week.enrolments() == 1 ? " new student" : " new students");
    }

    public String text(TeacherWeek week) {
        StringBuilder text = new StringBuilder();
        text.append("Hello,\n\nhere is your week ").append(isoWeek(week)).append(" (").append(range(week)).append(").\n\n");
        text.append("New enrolments:  ").append(week.enrolments()).append('\n');
        text.append("Refunds:         ").append(week.refunds()).append('\n');
        if (week.revenue().isEmpty()) {
            text.append("Revenue:         none\n");
        }
        for (TeacherWeek.Revenue revenue : week.revenue()) {
            TeacherWeek.Amounts amounts = revenue.amounts();
            text.append("Revenue ").append(amounts.currency()).append(":     ").append(amounts.revenue())
                    .append(" paid, ").append(amounts.refunded()).append(" refunded, ").append(amounts.net())
                    .append(" net\n");
        }
        text.append("Messages:        ").append(week.messages()).append('\n');
        text.append("Active students: ").append(week.activeStudents()).append('\n');
        text.append("\nLearnHub\n");
        return text.toString();
    }

    public String html(TeacherWeek week) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject(week))).append("</title></head>\n<body>\n");
        html.append("<h1>Your week ").append(isoWeek(week)).append("</h1>\n<p>").append(range(week)).append("</p>\n");
        html.append("<table>\n");
        row(html, "New enrolments", String.valueOf(week.enrolments()));
        row(html, "Refunds", String.valueOf(week.refunds()));
        row(html, "Messages", String.valueOf(week.messages()));
        row(html, "Active students", String.valueOf(week.activeStudents()));
        html.append("</table>\n");
        html.append("<h2>Revenue</h2>\n");
        if (week.revenue().isEmpty()) {
            html.append("<p>None this week.</p>\n");
        } else {
            html.append("<table>\n<tr><th>Currency</th><th>Paid</th><th>Refunded</th><th>Net</th></tr>\n");
            for (TeacherWeek.Revenue revenue : week.revenue()) {
                TeacherWeek.Amounts amounts = revenue.amounts();
                html.append("<tr><td>").append(escape(amounts.currency())).append("</td><td>").append(amounts.revenue())
                        .append("</td><td>").append(amounts.refunded()).append("</td><td>").append(amounts.net())
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<p>LearnHub</p>\n</body></html>\n");
        return html.toString();
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(label).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    /** {@code 2026-W47}. */
    private static String isoWeek(TeacherWeek week) {
        return "%d-W%02d".formatted(week.weekStart().get(IsoFields.WEEK_BASED_YEAR),
                week.weekStart().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static String range(TeacherWeek week) {
        return DAY.format(week.weekStart()) + " to " + DAY.format(week.weekStart().plusDays(6));
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
