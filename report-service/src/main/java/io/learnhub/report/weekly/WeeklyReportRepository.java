package io.learnhub.report.weekly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WeeklyReportRepository implements PanacheRepositoryBase<WeeklyReport, WeeklyReportId> {

    // A re-run replaces the week's report with the latest numbers, in one statement.
    private static final String SAVE = """
            insert into weekly_reports (teacher_id, week_start, enrolments, refunds, messages, active_students, revenue,
                                        text_body, html_body, run_id, generated_at)
            values (:teacherId, :weekStart, :enrolments, :refunds, :messages, :activeStudents, :revenue,
                    :textBody, :htmlBody, :runId, :generatedAt)
            on conflict (teacher_id, week_start) do update
               set enrolments = excluded.enrolments, refunds = excluded.refunds, messages = excluded.messages,
                   active_students = excluded.active_students, revenue = excluded.revenue,
                   text_body = excluded.text_body, html_body = excluded.html_body, run_id = excluded.run_id,
                   generated_at = excluded.generated_at""";

    /** Stores the report, replacing an earlier one of the same teacher and week; in the caller's transaction. */
    public Uni<Void> save(WeeklyReport report) {
        return getSession()
                .chain(session -> session.createNativeQuery(SAVE)
                        .setParameter("teacherId", report.id.teacherId())
                        .setParameter("weekStart", report.id.weekStart())
                        .setParameter("enrolments", report.enrolments)
                        .setParameter("refunds", report.refunds)
                        .setParameter("messages", report.messages)
                        .setParameter("activeStudents", report.activeStudents)
                        .setParameter("revenue", report.revenue)
                        .setParameter("textBody", report.textBody)
                        .setParameter("htmlBody", report.htmlBody)
                        .setParameter("runId", report.runId)
                        .setParameter("generatedAt", report.generatedAt)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Reports newest week first, then by teacher; {@code teacherId} and {@code weekStart} filter when not null. */
    public Uni<List<WeeklyReport>> list(String teacherId, LocalDate weekStart, int offset, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (teacherId != null) {
            conditions.add("id.teacherId = :teacherId");
            parameters.and("teacherId", teacherId);
        }
        if (weekStart != null) {
            conditions.add("id.weekStart = :weekStart");
            parameters.and("weekStart", weekStart);
        }
        Sort newestFirst = Sort.descending("id.weekStart").and("id.teacherId");
        var query = conditions.isEmpty() ? findAll(newestFirst)
                : find(String.join(" and ", conditions), newestFirst, parameters);
        return query.range(offset, offset + limit - 1).list();
    }
}
