package io.learnhub.report.weekly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.report.chat.ChatMessageRepository;
import io.learnhub.report.chat.TeacherChatActivity;
import io.learnhub.report.stats.TeacherWeekStats;
import io.learnhub.report.stats.TeacherWeekStatsRepository;
import io.learnhub.report.teacher.Teacher;
import io.learnhub.report.teacher.TeacherRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Loads every teacher's numbers of one week in three queries, whatever the number of teachers:
 * the teachers, the week's money rows, the week's chat activity.
 */
@ApplicationScoped
public class WeeklyReportData {

    private final TeacherRepository teachers;
    private final TeacherWeekStatsRepository weeklyStats;
    private final ChatMessageRepository messages;

    WeeklyReportData(TeacherRepository teachers, TeacherWeekStatsRepository weeklyStats, ChatMessageRepository messages) {
        this.teachers = teachers;
        this.weeklyStats = weeklyStats;
        this.messages = messages;
    }

    /** Every known teacher's week, by teacher id; a teacher with nothing that week gets a report of zeros. */
    public Uni<List<TeacherWeek>> load(LocalDate weekStart) {
        return Panache.withSession(() -> teachers.listAllById()
                .chain(all -> weeklyStats.listWeek(weekStart)
                        .chain(money -> messages.activityOfWeek(weekStart)
                                .map(chat -> combine(weekStart, all, money, chat)))));
    }

    private static List<TeacherWeek> combine(LocalDate weekStart, List<Teacher> teachers, List<TeacherWeekStats> money,
            List<TeacherChatActivity> chat) {
        Map<String, List<TeacherWeekStats>> moneyByTeacher = money.stream()
                .collect(Collectors.groupingBy(row -> row.id.teacherId()));
        Map<String, TeacherChatActivity> chatByTeacher = chat.stream()
                .collect(Collectors.toMap(TeacherChatActivity::teacherId, Function.identity()));
        List<TeacherWeek> weeks = new ArrayList<>(teachers.size());
        for (Teacher teacher : teachers) {
            List<TeacherWeekStats> rows = moneyByTeacher.getOrDefault(teacher.teacherId, List.of());
            TeacherChatActivity activity = chatByTeacher.getOrDefault(teacher.teacherId,
                    new TeacherChatActivity(teacher.teacherId, 0, 0));
            weeks.add(new TeacherWeek(teacher.teacherId, teacher.email, weekStart,
                    rows.stream().mapToInt(row -> row.paidInvoices).sum(),
                    rows.stream().mapToInt(row -> row.refunds).sum(),
                    rows.stream().map(row -> new TeacherWeek.Revenue(row.id.currency(), row.revenue, row.refunded))
                            .toList(),
                    activity.messages(), activity.activeStudents()));
        }
        return weeks;
    }
}
