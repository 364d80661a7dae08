package io.learnhub.report.stats;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.event.ProcessedEvents;
import io.learnhub.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Teachers' weekly stats: adding paid invoices to them, and reading them through the cache. */
@ApplicationScoped
public class StatsService {

    private final TeacherWeekStatsRepository weeklyStats;
    private final StatsCache cache;
    private final Clock clock;

    StatsService(TeacherWeekStatsRepository weeklyStats, StatsCache cache, Clock clock) {
        this.weeklyStats = weeklyStats;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * Adds the invoice to its teacher's ISO week, once per event: the event id is recorded in the
     * same transaction, and a redelivered event changes nothing.
     *
     * @return true if the invoice was added, false if the event had been processed before
     */
    public Uni<Boolean> recordPaidInvoice(UUID eventId, PaidInvoice invoice) {
        LocalDate weekStart = IsoWeeks.weekStart(invoice.paidAt());
        Instant now = clock.instant();
        return Panache.withTransaction(() -> ProcessedEvents.markProcessed(eventId, now)
                .call(firstTime -> firstTime
                        ? weeklyStats.addPaidInvoice(invoice.teacherId(), weekStart, invoice.currency(), invoice.amount(), now)
                        : Uni.createFrom().voidItem()))
                // after the commit, so that a concurrent read cannot cache the old numbers again
                .call(added -> added ? cache.evict(invoice.teacherId()) : Uni.createFrom().voidItem());
    }

    /**
     * The stats a caller may see for the last {@code weeks} ISO weeks (the current one included),
     * newest week first: a teacher's own, or, for an admin, those of the teacher they name.
     */
    public Uni<List<WeeklyStats>> weeklyStats(Caller caller, String requestedTeacherId, int weeks) {
        return Uni.createFrom().item(() -> teacherVisibleTo(caller, requestedTeacherId))
                .flatMap(teacherId -> cache.read(teacherId, weeks)
                        .flatMap(cached -> cached.isPresent()
                                ? Uni.createFrom().item(cached.get())
                                : load(teacherId, weeks).call(stats -> cache.write(teacherId, weeks, stats))));
    }

    private static String teacherVisibleTo(Caller caller, String requestedTeacherId) {
        boolean named = requestedTeacherId != null && !requestedTeacherId.isBlank();
        if (caller.isAdmin() && named) {
            return requestedTeacherId;
        }
        if (caller.isTeacher()) {
            if (named && !requestedTeacherId.equals(caller.userId())) {
                throw new NotOwnStatsException();
            }
            return caller.userId();
        }
        throw new TeacherIdRequiredException();
    }

    private Uni<List<WeeklyStats>> load(String teacherId, int weeks) {
        LocalDate firstWeek = IsoWeeks.weekStart(clock.instant()).minusWeeks(weeks - 1L);
        return Panache.withSession(() -> weeklyStats.listSince(teacherId, firstWeek))
                .map(rows -> rows.stream().map(WeeklyStats::of).toList());
    }
}
