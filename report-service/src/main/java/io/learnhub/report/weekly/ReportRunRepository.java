package io.learnhub.report.weekly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReportRunRepository implements PanacheRepositoryBase<ReportRun, UUID> {

    /*
     * The last successful run's end; before the first one, when report-service's schema was
     * created: a deployment that never ran the job is overdue a week after it was installed.
     */
    private static final String LAST_SUCCESS_OR_INSTALL = """
            select cast(extract(epoch from coalesce(
                (select max(finished_at) from report_runs where status = 'SUCCEEDED'),
                (select min(installed_on) from flyway_schema_history))) as double precision)""";

    /** The run that is RUNNING with a live lease, if any. */
    public Uni<Optional<ReportRun>> findActive(Instant now) {
        return find("status = ?1 and leaseUntil >= ?2", RunStatus.RUNNING, now).firstResult()
                .map(Optional::ofNullable);
    }

    /** Marks FAILED every RUNNING run whose lease expired: its replica died mid-run. */
    public Uni<Integer> abandonExpired(Instant now) {
        return update("status = ?1, finishedAt = ?2 where status = ?3 and leaseUntil < ?2", RunStatus.FAILED, now,
                RunStatus.RUNNING);
    }

    /** Whether a run reported on the week successfully already. */
    public Uni<Boolean> succeededFor(LocalDate weekStart) {
        return count("weekStart = ?1 and status = ?2", weekStart, RunStatus.SUCCEEDED).map(runs -> runs > 0);
    }

    public Uni<Integer> renewLease(UUID id, Instant until) {
        return update("leaseUntil = ?1 where id = ?2 and status = ?3", until, id, RunStatus.RUNNING);
    }

    /** Records the end of a RUNNING run; a run already taken for dead (lease expired) stays FAILED. */
    public Uni<Integer> finish(UUID id, RunStatus status, int teachers, int reportsSent, int failures, Instant at) {
        return update("status = ?1, teachers = ?2, reportsSent = ?3, failures = ?4, finishedAt = ?5 where id = ?6"
                + " and status = ?7", status, teachers, reportsSent, failures, at, id, RunStatus.RUNNING);
    }

    /** Seconds since the epoch of the last successful run's end, or of the schema's creation before the first. */
    public Uni<Double> lastSuccessOrInstallEpochSeconds() {
        return getSession()
                .chain(session -> session.createNativeQuery(LAST_SUCCESS_OR_INSTALL, Double.class).getSingleResultOrNull())
                .map(seconds -> seconds == null ? Double.NaN : seconds);
    }
}
