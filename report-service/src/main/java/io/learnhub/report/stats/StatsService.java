package io.learnhub.report.stats;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.event.ProcessedEvents;
import io.learnhub.common.mail.Email;
import io.learnhub.common.security.Caller;
import io.learnhub.report.enrolment.EnrolmentEmails;
import io.learnhub.report.teacher.TeacherRepository;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Teachers' weekly stats: adding paid invoices and refunds to them, and reading them through the cache. */
@ApplicationScoped
public class StatsService {

    private final TeacherWeekStatsRepository weeklyStats;
    private final TeacherRepository teachers;
    private final EnrolmentEmails enrolmentEmails;
    private final StatsCache cache;
    private final Clock clock;

    StatsService(TeacherWeekStatsRepository weeklyStats, TeacherRepository teachers, EnrolmentEmails enrolmentEmails,
            StatsCache cache, Clock clock) {
        this.weeklyStats = weeklyStats;
        this.teachers = teachers;
        this.enrolmentEmails = enrolmentEmails;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * Adds the invoice to its teacher's ISO week, learns the teacher and their course, and queues
     * the teacher's enrolment email, once per event: the event id is recorded in the same
     * transaction, and a redelivered event changes nothing. The email is sent after the commit, in
     * the current span's trace; should that fail, the mail relay retries it.
     *
     * @return true if the invoice was added, false if the event had been processed before
     */
    public Uni<Boolean> recordPaidInvoice(UUID eventId, InvoicePaid paid) {
        Context recording = Context.current();
        LocalDate weekStart = IsoWeeks.weekStart(paid.paidAt());
        Instant now = clock.instant();
        return Panache.withTransaction(() -> ProcessedEvents.markProcessed(eventId, now)
                .chain(first -> !first
                        ? Uni.createFrom().item(Recorded.DUPLICATE)
                        : weeklyStats.addPaidInvoice(paid.teacherId(), weekStart, paid.currency(), paid.amount(), now)
                                .chain(() -> teachers.learn(paid.teacherId(), paid.teacherEmail(), now))
                                .chain(() -> teachers.learnCourse(paid.courseId(), paid.teacherId()))
                                .chain(() -> enrolmentEmails.queue(recording, paid, now))
                                .map(Recorded::applied)))
                // after the commit, so that a concurrent read cannot cache the old numbers again
                .call(recorded -> recorded.first() ? cache.evict(paid.teacherId()) : Uni.createFrom().voidItem())
                .call(recorded -> recorded.email()
                        .map(email -> enrolmentEmails.send(email, recording))
                        .orElse(Uni.createFrom().voidItem()))
                .map(Recorded::first);
    }

    /**
     * Adds the refund to its teacher's ISO week (of the refund), once per event.
     *
     * @return true if the refund was added, false if the event had been processed before
     */
    public Uni<Boolean> recordRefund(UUID eventId, InvoiceRefunded refunded) {
        LocalDate weekStart = IsoWeeks.weekStart(refunded.refundedAt());
        Instant now = clock.instant();
        return Panache.withTransaction(() -> ProcessedEvents.markProcessed(eventId, now)
                .call(first -> first
                        ? weeklyStats.addRefund(refunded.teacherId(), weekStart, refunded.currency(), refunded.amount(), now)
                                .chain(() -> teachers.learn(refunded.teacherId(), null, now))
                                .chain(() -> teachers.learnCourse(refunded.courseId(), refunded.teacherId()))
                        : Uni.createFrom().voidItem()))
                .call(added -> added ? cache.evict(refunded.teacherId()) : Uni.createFrom().voidItem());
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

    /** What recording a paid invoice did: whether the event was new, and the email it queued. */
    private record Recorded(boolean first, Optional<Email> email) {

        static final Recorded DUPLICATE = new Recorded(false, Optional.empty());

        static Recorded applied(Optional<Email> email) {
            return new Recorded(true, email);
        }
    }

    private Uni<List<WeeklyStats>> load(String teacherId, int weeks) {
        LocalDate firstWeek = IsoWeeks.weekStart(clock.instant()).minusWeeks(weeks - 1L);
        return Panache.withSession(() -> weeklyStats.listSince(teacherId, firstWeek))
                .map(rows -> rows.stream().map(WeeklyStats::of).toList());
    }
}
