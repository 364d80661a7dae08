package io.learnhub.report.weekly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A weekly run as the API shows it; {@code traceId} is the run's own trace, to open in the trace UI. */
public record RunView(UUID id, LocalDate weekStart, RunTrigger trigger, RunStatus status, String traceId,
        String correlationId, int teachers, int reportsSent, int failures, Instant startedAt, Instant finishedAt) {

    static RunView of(ReportRun run) {
        return new RunView(run.id, run.weekStart, run.trigger, run.status, run.traceId, run.correlationId, run.teachers,
                run.reportsSent, run.failures, run.startedAt, run.finishedAt);
    }
}
