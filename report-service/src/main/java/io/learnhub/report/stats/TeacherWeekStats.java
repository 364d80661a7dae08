package io.learnhub.report.stats;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One teacher's paid invoices and revenue in one ISO week and currency. */
@Entity
@Table(name = "teacher_weekly_stats")
@IdClass(TeacherWeekStats.Key.class)
public class TeacherWeekStats extends PanacheEntityBase {

    @Id
    @Column(name = "teacher_id")
    public String teacherId;

    @Id
    @Column(name = "week_start")
    public LocalDate weekStart;

    @Id
    @Column(name = "currency")
    public String currency;

    @Column(name = "paid_invoices", nullable = false)
    public int paidInvoices;

    @Column(name = "revenue", nullable = false, precision = 14, scale = 2)
    public BigDecimal revenue;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The primary key: teacher, week and currency. */
    public static class Key implements Serializable {

        public String teacherId;
        public LocalDate weekStart;
        public String currency;

        public Key() {
        }

        public Key(String teacherId, LocalDate weekStart, String currency) {
            this.teacherId = teacherId;
            this.weekStart = weekStart;
            this.currency = currency;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(teacherId, key.teacherId)
                    && Objects.equals(weekStart, key.weekStart)
                    && Objects.equals(currency, key.currency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(teacherId, weekStart, currency);
        }
    }
}
