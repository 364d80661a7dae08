package io.learnhub.report.weekly;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One teacher's report of one ISO week, as its latest run made it: the numbers, the text and the HTML. */
@Entity
@Table(name = "weekly_reports")
public class WeeklyReport {

    @EmbeddedId
    public WeeklyReportId id;

    @Column(nullable = false)
    public int enrolments;

    @Column(nullable = false)
    public int refunds;

    @Column(nullable = false)
    public int messages;

    @Column(name = "active_students", nullable = false)
    public int activeStudents;

    /** JSON: {@code [{"currency","revenue","refunded","net"}]}, amounts as decimal strings. */
    @Column(nullable = false)
    public String revenue;

    @Column(name = "text_body", nullable = false)
    public String textBody;

    @Column(name = "html_body", nullable = false)
    public String htmlBody;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "generated_at", nullable = false)
    public Instant generatedAt;
}
