package io.learnhub.report.stats;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One teacher's paid invoices, revenue and refunds in one ISO week and currency. */
@Entity
@Table(name = "teacher_weekly_stats")
public class TeacherWeekStats {

    @EmbeddedId
    public TeacherWeekStatsId id;

    @Column(name = "paid_invoices", nullable = false)
    public int paidInvoices;

    @Column(name = "revenue", nullable = false, precision = 14, scale = 2)
    public BigDecimal revenue;

    @Column(nullable = false)
    public int refunds;

    @Column(name = "refunded", nullable = false, precision = 14, scale = 2)
    public BigDecimal refunded;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
