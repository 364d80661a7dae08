package io.learnhub.report.stats;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TeacherWeekStatsRepository implements PanacheRepositoryBase<TeacherWeekStats, TeacherWeekStatsId> {

    // One statement, so two consumers adding to the same week cannot lose an update.
    private static final String ADD_PAID_INVOICE = """
            INSERT INTO teacher_weekly_stats (teacher_id, week_start, currency, paid_invoices, revenue, updated_at)
            VALUES (:teacherId, :weekStart, :currency, 1, :amount, :updatedAt)
            ON CONFLICT (teacher_id, week_start, currency) DO UPDATE
               SET paid_invoices = teacher_weekly_stats.paid_invoices + 1,
                   revenue = teacher_weekly_stats.revenue + EXCLUDED.revenue,
                   updated_at = EXCLUDED.updated_at""";

    private static final String ADD_REFUND = """
            INSERT INTO teacher_weekly_stats (teacher_id, week_start, currency, paid_invoices, revenue, refunds, refunded,
                                              updated_at)
            VALUES (:teacherId, :weekStart, :currency, 0, 0, 1, :amount, :updatedAt)
            ON CONFLICT (teacher_id, week_start, currency) DO UPDATE
               SET refunds = teacher_weekly_stats.refunds + 1,
                   refunded = teacher_weekly_stats.refunded + EXCLUDED.refunded,
                   updated_at = EXCLUDED.updated_at""";

    /** Adds one paid invoice of the given amount to the teacher's week; runs in the caller's transaction. */
    public Uni<Void> addPaidInvoice(String teacherId, LocalDate weekStart, String currency, BigDecimal amount,
            Instant updatedAt) {
        return add(ADD_PAID_INVOICE, teacherId, weekStart, currency, amount, updatedAt);
    }

    /** Adds one refund of the given amount to the teacher's week; runs in the caller's transaction. */
    public Uni<Void> addRefund(String teacherId, LocalDate weekStart, String currency, BigDecimal amount, Instant updatedAt) {
        return add(ADD_REFUND, teacherId, weekStart, currency, amount, updatedAt);
    }

    private Uni<Void> add(String upsert, String teacherId, LocalDate weekStart, String currency, BigDecimal amount,
            Instant updatedAt) {
        return getSession()
                .chain(session -> session.createNativeQuery(upsert)
                        .setParameter("teacherId", teacherId)
                        .setParameter("weekStart", weekStart)
                        .setParameter("currency", currency)
                        .setParameter("amount", amount)
                        .setParameter("updatedAt", updatedAt)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Every teacher's rows of one week: one query, whatever the number of teachers. */
    public Uni<List<TeacherWeekStats>> listWeek(LocalDate weekStart) {
        return find("id.weekStart = ?1", Sort.ascending("id.teacherId").and("id.currency"), weekStart).list();
    }

    /** The teacher's rows from the given week on, newest week first. */
    public Uni<List<TeacherWeekStats>> listSince(String teacherId, LocalDate firstWeek) {
        return find("id.teacherId = ?1 and id.weekStart >= ?2",
                Sort.descending("id.weekStart").and("id.currency"), teacherId, firstWeek)
                .list();
    }
}
