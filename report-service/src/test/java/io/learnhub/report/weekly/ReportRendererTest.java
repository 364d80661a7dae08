package io.learnhub.report.weekly;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportRendererTest {

    private static final LocalDate WEEK_48 = LocalDate.of(2026, 11, 23);

    private final ReportRenderer renderer = new ReportRenderer();

    @Test
    void theSubjectNamesTheIsoWeekAndCountsStudents() {
        assertThat(renderer.subject(week(1, List.of()))).isEqualTo("Your LearnHub week 2026-W48: 1 new student");
        assertThat(renderer.subject(week(3, List.of()))).isEqualTo("Your LearnHub week 2026-W48: 3 new students");
    }

    @Test
    void textAndHtmlSayTheSameNumbers() {
        TeacherWeek week = week(2, List.of(new TeacherWeek.Revenue("RUB", new BigDecimal("98.00"), new BigDecimal("49.00"))));

        assertThat(renderer.text(week)).contains("2026-11-23 to 2026-11-29", "New enrolments:  2", "Refunds:         1",
                "Revenue RUB:     98.00 paid, 49.00 refunded, 49.00 net", "Messages:        7", "Active students: 4");
        assertThat(renderer.html(week)).contains("<th>New enrolments</th><td>2</td>", "<th>Active students</th><td>4</td>",
                "<tr><td>RUB</td><td>98.00</td><td>49.00</td><td>49.00</td></tr>");
    }

    @Test
    void aWeekWithoutMoneySaysSo() {
        assertThat(renderer.text(week(0, List.of()))).contains("Revenue:         none");
        assertThat(renderer.html(week(0, List.of()))).contains("None this week.");
    }

    @Test
    void htmlIsEscaped() {
        assertThat(ReportRenderer.escape("<b>\"A&B\"</b>")).isEqualTo("&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
    }

    private static TeacherWeek week(int enrolments, List<TeacherWeek.Revenue> revenue) {
        return new TeacherWeek("1001", null, WEEK_48, enrolments, 1, revenue, 7, 4);
    }
}
