package io.learnhub.report.weekly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One run of the weekly job. While RUNNING its replica renews {@code leaseUntil}; a RUNNING run
 * whose lease has expired died with its replica, and the next claim marks it FAILED.
 */
@Entity
@Table(name = "report_runs")
public class ReportRun {

    @Id
    public UUID id;

    /** The Monday of the ISO week reported on. */
    @Column(name = "week_start", nullable = false)
    public LocalDate weekStart;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public RunTrigger trigger;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public RunStatus status;

    /** The run's own trace, whose root is {@code send_weekly_reports}. */
    @Column(name = "trace_id", length = 32)
    public String traceId;

    @Column(name = "correlation_id", nullable = false, length = 128)
    public String correlationId;

    @Column(nullable = false)
    public int teachers;

    @Column(name = "reports_sent", nullable = false)
    public int reportsSent;

    @Column(nullable = false)
    public int failures;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "lease_until", nullable = false)
    public Instant leaseUntil;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
