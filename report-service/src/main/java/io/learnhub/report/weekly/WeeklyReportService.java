package io.learnhub.report.weekly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.security.Caller;
import io.learnhub.report.stats.IsoWeeks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reading stored reports and runs, and asking for a run, with who-may-see-what applied. */
@ApplicationScoped
public class WeeklyReportService {

    private static final TypeReference<List<TeacherWeek.Amounts>> AMOUNTS = new TypeReference<>() {
    };

    private final WeeklyReportRepository reports;
    private final ReportRunRepository runs;
    private final WeeklyReportRunner runner;
    private final ObjectMapper json;

    WeeklyReportService(WeeklyReportRepository reports, ReportRunRepository runs, WeeklyReportRunner runner,
            ObjectMapper json) {
        this.reports = reports;
        this.runs = runs;
        this.runner = runner;
        this.json = json;
    }

    /**
     * Starts a run of the ISO week {@code day} falls in (the last complete week when null) and
     * answers at once with the run; 409 while another run is under way.
     */
    public Uni<RunView> run(LocalDate day) {
        LocalDate weekStart = day == null ? runner.lastCompleteWeek() : IsoWeeks.weekStart(day);
        return runner.runInBackground(weekStart).map(RunView::of);
    }

    public Uni<RunView> findRun(UUID id) {
        return Panache.withSession(() -> runs.findById(id))
                .onItem().ifNull().failWith(() -> new NotFoundException("weekly run", id))
                .map(RunView::of);
    }

    /**
     * Stored reports, newest week first: a teacher's own (naming another teacher is 403), or for an
     * admin anyone's, optionally one teacher's; optionally one ISO week's (any day of it).
     */
    public Uni<List<WeeklyReportView>> list(Caller caller, String teacherId, LocalDate day, int offset, int limit) {
        String visibleTeacher = teacherVisibleTo(caller, teacherId);
        LocalDate weekStart = day == null ? null : IsoWeeks.weekStart(day);
        return Panache.withSession(() -> reports.list(visibleTeacher, weekStart, offset, limit))
                .map(rows -> rows.stream().map(this::view).toList());
    }

    private static String teacherVisibleTo(Caller caller, String requested) {
        boolean named = requested != null && !requested.isBlank();
        if (caller.isAdmin()) {
            return named ? requested : null;
        }
        if (named && !requested.equals(caller.userId())) {
            throw new NotOwnReportException();
        }
        return caller.userId();
    }

    private WeeklyReportView view(WeeklyReport report) {
        try {
            return new WeeklyReportView(report.id.teacherId(), report.id.weekStart(), report.enrolments, report.refunds,
                    json.readValue(report.revenue, AMOUNTS), report.messages, report.activeStudents, report.textBody,
                    report.htmlBody, report.runId, report.generatedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
