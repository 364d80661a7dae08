package io.learnhub.report.weekly;

import static io.learnhub.report.tracing.ReportSpans.COUNT;
import static io.learnhub.report.tracing.ReportSpans.EVENT_ALL_REPORTS_SENT;
import static io.learnhub.report.tracing.ReportSpans.EVENT_ALREADY_EMAILED;
import static io.learnhub.report.tracing.ReportSpans.EVENT_NO_RECIPIENT_ADDRESS;
import static io.learnhub.report.tracing.ReportSpans.FETCH_TEACHERS;
import static io.learnhub.report.tracing.ReportSpans.GENERATE_REPORT;
import static io.learnhub.report.tracing.ReportSpans.PROCESS_TEACHERS;
import static io.learnhub.report.tracing.ReportSpans.REPORTS_SENT;
import static io.learnhub.report.tracing.ReportSpans.REPORT_FAILURES;
import static io.learnhub.report.tracing.ReportSpans.REPORT_RUN_ID;
import static io.learnhub.report.tracing.ReportSpans.REPORT_SIZE;
import static io.learnhub.report.tracing.ReportSpans.REPORT_TRIGGER;
import static io.learnhub.report.tracing.ReportSpans.REPORT_WEEK;
import static io.learnhub.report.tracing.ReportSpans.SEND_WEEKLY_REPORTS;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.mail.Email;
import io.learnhub.common.mail.EmailRepository;
import io.learnhub.common.mail.EmailSender;
import io.learnhub.common.mail.MailConfig;
import io.learnhub.common.persistence.AdvisoryLocks;
import io.learnhub.common.tracing.DbQueryCount;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.common.tracing.TraceContexts;
import io.learnhub.report.stats.IsoWeeks;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Runs the weekly job: every known teacher's report of one ISO week is made, stored and emailed.
 *
 * <p>One run at a time across replicas: a run is claimed in a transaction that holds a PostgreSQL
 * advisory lock, and refused (409) while another run's lease is live. The claim starts the run's
 * own trace: root span {@code send_weekly_reports} with a new correlation id (linked to the
 * request that asked for it), then {@code fetch_teachers} (all numbers in three queries),
 * {@code process_teachers} and one {@code generate_report} per teacher, whose {@code send_email}
 * is its child. A teacher whose report fails is recorded on its span and the run goes on; each
 * report is emailed at most once per teacher and week (the mail outbox's unique key), however
 * often the week is run.
 */
@ApplicationScoped
public class WeeklyReportRunner {

    static final String EMAIL_TEMPLATE = "weekly-report";

    private static final Logger LOG = Logger.getLogger(WeeklyReportRunner.class);
    /** The lock every replica's claim takes (common's AdvisoryLocks). */
    static final String RUN_LOCK = "weekly-report-run";
    /** {@code error.type} of a run's root span when a teacher's report failed. */
    static final String REPORT_FAILED = "report_failed";

    private final ReportRunRepository runs;
    private final WeeklyReportRepository reports;
    private final WeeklyReportData data;
    private final ReportRenderer renderer;
    private final EmailRepository emails;
    private final EmailSender sender;
    private final MailConfig mailConfig;
    private final WeeklyReportConfig config;
    private final WeeklyRunMetrics metrics;
    private final TraceContexts traceContexts;
    private final ReactiveSpans spans;
    private final Tracer tracer;
    private final ObjectMapper json;
    private final Clock clock;

    WeeklyReportRunner(ReportRunRepository runs, WeeklyReportRepository reports, WeeklyReportData data,
            ReportRenderer renderer, EmailRepository emails, EmailSender sender, MailConfig mailConfig,
            WeeklyReportConfig config, WeeklyRunMetrics metrics, TraceContexts traceContexts, ReactiveSpans spans,
            Tracer tracer, ObjectMapper json, Clock clock) {
        this.runs = runs;
        this.reports = reports;
        this.data = data;
        this.renderer = renderer;
        this.emails = emails;
        this.sender = sender;
        this.mailConfig = mailConfig;
        this.config = config;
        this.metrics = metrics;
        this.traceContexts = traceContexts;
        this.spans = spans;
        this.tracer = tracer;
        this.json = json;
        this.clock = clock;
    }

    /** The week a run reports on unless told otherwise: the last complete ISO week. */
    public LocalDate lastCompleteWeek() {
        return IsoWeeks.weekStart(clock.instant()).minusWeeks(1);
    }

    /**
     * Claims a run of the week for an admin and carries it out in the background; the answer is
     * the claimed run (its id and trace id), or a {@link RunInProgressException}.
     */
    public Uni<ReportRun> runInBackground(LocalDate weekStart) {
        return claim(RunTrigger.MANUAL, weekStart).map(claimed -> {
            StartedRun started = claimed.orElseThrow();
            VertxContext.createNewDuplicatedContext(Vertx.currentContext()).runOnContext(ignored -> carryOut(started)
                    .subscribe().with(
                            run -> LOG.debugf("Weekly run %s finished", run.id),
                            failure -> LOG.errorf(failure, "Weekly run %s failed", started.run().id)));
            return started.run();
        });
    }

    /**
     * Claims and carries out the scheduled run of the week; nothing when another run is under way
     * (another replica's schedule fired too) or a run of the week has succeeded already.
     */
    public Uni<Optional<ReportRun>> runScheduled(LocalDate weekStart) {
        return spans.untraced(() -> claim(RunTrigger.SCHEDULED, weekStart))
                .onFailure(RunInProgressException.class).recoverWithItem(inProgress -> {
                    LOG.infof("Weekly run of %s not started: run %s is in progress", weekStart,
                            ((RunInProgressException) inProgress).runId());
                    return Optional.empty();
                })
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(Optional.<ReportRun>empty())
                        : carryOut(claimed.get()).map(Optional::of));
    }

    private Uni<Optional<StartedRun>> claim(RunTrigger trigger, LocalDate weekStart) {
        SpanContext requestedBy = Span.current().getSpanContext();
        AtomicReference<StartedRun> started = new AtomicReference<>();
        AtomicReference<Instant> now = new AtomicReference<>();
        return Panache.withTransaction(() -> AdvisoryLocks.lockForTransaction(RUN_LOCK)
                // the time is read once the lock is held: a claim that waited compares leases as of now
                .invoke(() -> now.set(clock.instant()))
                .chain(() -> runs.findActive(now.get()))
                .invoke(active -> active.ifPresent(run -> {
                    throw new RunInProgressException(run.id);
                }))
                .chain(() -> runs.abandonExpired(now.get()))
                .chain(() -> trigger == RunTrigger.SCHEDULED ? runs.succeededFor(weekStart) : Uni.createFrom().item(false))
                .chain(done -> {
                    if (done) {
                        LOG.infof("Weekly run of %s not started: a run of that week has succeeded", weekStart);
                        return Uni.createFrom().item(Optional.<StartedRun>empty());
                    }
                    started.set(start(trigger, weekStart, requestedBy, now.get()));
                    return runs.persist(started.get().run()).replaceWith(Optional.of(started.get()));
                }))
                .onFailure().invoke(failure -> {
                    StartedRun unclaimed = started.get();
                    if (unclaimed != null) {
                        ReactiveSpans.markFailed(unclaimed.root(), failure);
                        unclaimed.root().end();
                    }
                });
    }

    /** The run's row and its root span: a new trace, with a new correlation id, linked to the request if any. */
    private StartedRun start(RunTrigger trigger, LocalDate weekStart, SpanContext requestedBy, Instant now) {
        String correlationId = CorrelationId.mint();
        Context correlated = CorrelationId.withCorrelationId(Context.root(), correlationId);
        SpanBuilder builder = tracer.spanBuilder(SEND_WEEKLY_REPORTS).setParent(correlated).setSpanKind(SpanKind.INTERNAL);
        if (requestedBy.isSampled()) {
            builder.addLink(requestedBy);
        }
        ReportRun run = new ReportRun();
        run.id = UUID.randomUUID();
        Span root = builder.startSpan()
                .setAttribute(REPORT_RUN_ID, run.id.toString())
                .setAttribute(REPORT_WEEK, weekStart.toString())
                .setAttribute(REPORT_TRIGGER, trigger.name());
        run.weekStart = weekStart;
        run.trigger = trigger;
        run.status = RunStatus.RUNNING;
        run.traceId = root.getSpanContext().getTraceId();
        run.correlationId = correlationId;
        run.startedAt = now;
        run.leaseUntil = now.plus(config.lease());
        return new StartedRun(run, root, DbQueryCount.counting(correlated.with(root)));
    }

    private Uni<ReportRun> carryOut(StartedRun started) {
        long startNanos = System.nanoTime();
        return ReactiveSpans.withCurrent(started.context(), () -> fetchTeachers(started)
                .chain(teachers -> processTeachers(started, teachers))
                .chain(tally -> finish(started, tally, Duration.ofNanos(System.nanoTime() - startNanos))))
                .onFailure().call(failure -> finishAfterFailure(started, failure,
                        Duration.ofNanos(System.nanoTime() - startNanos)))
                .onTermination().invoke(() -> started.root().end());
    }

    private Uni<List<TeacherWeek>> fetchTeachers(StartedRun started) {
        return spans.inSpan(FETCH_TEACHERS, DbQueryCount.counting(started.context()), context -> data
                .load(started.run().weekStart)
                .invoke(teachers -> Span.fromContext(context)
                        .setAttribute(COUNT, (long) teachers.size())
                        .setAttribute(SharedSpans.DB_QUERY_COUNT, DbQueryCount.of(context))));
    }

    private Uni<Tally> processTeachers(StartedRun started, List<TeacherWeek> teachers) {
        return spans.inSpan(PROCESS_TEACHERS, started.context(), context -> {
            Span.fromContext(context).setAttribute(COUNT, (long) teachers.size());
            return Multi.createFrom().iterable(teachers)
                    .onItem().transformToUniAndConcatenate(teacher -> generate(started, teacher, context)
                            // a lost lease ends the run; any other failure is this teacher's alone
                            .onFailure(failure -> !(failure instanceof LeaseLostException)).recoverWithItem(failure -> {
                                LOG.errorf(failure, "The weekly report of teacher %s for %s failed; the run goes on",
                                        teacher.teacherId(), teacher.weekStart());
                                return ReportOutcome.FAILED;
                            }))
                    .collect().asList()
                    .map(outcomes -> Tally.of(teachers.size(), outcomes));
        });
    }

    private Uni<ReportOutcome> generate(StartedRun started, TeacherWeek week, Context parent) {
        return spans.inSpan(GENERATE_REPORT, parent, context -> {
            Span span = Span.fromContext(context).setAttribute(SharedSpans.TEACHER_ID, week.teacherId());
            Instant now = clock.instant();
            WeeklyReport report = report(started.run(), week, now);
            span.setAttribute(REPORT_SIZE, (long) report.textBody.getBytes(StandardCharsets.UTF_8).length);
            return Panache.withTransaction(() -> reports.save(report)
                    .chain(() -> renewLease(started.run(), now))
                    .chain(() -> queueEmail(week, report, context, now)))
                    .chain(queued -> queued.email()
                            .map(email -> sender.send(email, context)
                                    .map(sent -> sent ? ReportOutcome.SENT : ReportOutcome.EMAIL_PENDING))
                            .orElse(Uni.createFrom().item(queued.outcome())));
        });
    }

    /**
     * Extends the run's claim before each teacher. A run whose lease ran out (it stalled longer
     * than the lease) may have been taken for dead and another run started: it stops, so two runs
     * never work side by side.
     */
    private Uni<Void> renewLease(ReportRun run, Instant now) {
        return runs.renewLease(run.id, now.plus(config.lease())).invoke(renewed -> {
            if (renewed == 0) {
                throw new LeaseLostException(run.id);
            }
        }).replaceWithVoid();
    }

    private Uni<QueuedEmail> queueEmail(TeacherWeek week, WeeklyReport report, Context context, Instant now) {
        Span span = Span.fromContext(context);
        if (week.email() == null) {
            span.addEvent(EVENT_NO_RECIPIENT_ADDRESS);
            return Uni.createFrom().item(new QueuedEmail(Optional.empty(), ReportOutcome.NO_ADDRESS));
        }
        Email email = Email.queued(EMAIL_TEMPLATE, week.weekStart() + "/" + week.teacherId(), week.teacherId(), week.email(),
                renderer.subject(week), report.textBody, report.htmlBody, traceContexts.capture(context), now,
                now.plus(mailConfig.lease()));
        return emails.queue(email).map(queued -> {
            if (!queued) {
                span.addEvent(EVENT_ALREADY_EMAILED);
                return new QueuedEmail(Optional.empty(), ReportOutcome.ALREADY_EMAILED);
            }
            return new QueuedEmail(Optional.of(email), ReportOutcome.SENT);
        });
    }

    private WeeklyReport report(ReportRun run, TeacherWeek week, Instant now) {
        WeeklyReport report = new WeeklyReport();
        report.id = new WeeklyReportId(week.teacherId(), week.weekStart());
        report.enrolments = week.enrolments();
        report.refunds = week.refunds();
        report.messages = week.messages();
        report.activeStudents = week.activeStudents();
        report.revenue = revenueJson(week);
        report.textBody = renderer.text(week);
        report.htmlBody = renderer.html(week);
        report.runId = run.id;
        report.generatedAt = now;
        return report;
    }

    private String revenueJson(TeacherWeek week) {
        try {
            return json.writeValueAsString(week.revenue().stream().map(TeacherWeek.Revenue::amounts).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the revenue of teacher " + week.teacherId(), e);
        }
    }

    private Uni<ReportRun> finish(StartedRun started, Tally tally, Duration took) {
        ReportRun run = started.run();
        Span root = started.root();
        boolean success = tally.failures() == 0;
        root.setAttribute(COUNT, (long) tally.teachers())
                .setAttribute(REPORTS_SENT, (long) tally.sent())
                .setAttribute(REPORT_FAILURES, (long) tally.failures());
        Instant now = clock.instant();
        return Panache.withTransaction(() -> runs.finish(run.id, success ? RunStatus.SUCCEEDED : RunStatus.FAILED,
                tally.teachers(), tally.sent(), tally.failures(), now))
                .invoke(finished -> {
                    if (finished == 0) {
                        throw new LeaseLostException(run.id);
                    }
                })
                .invoke(() -> {
                    if (success) {
                        root.addEvent(EVENT_ALL_REPORTS_SENT);
                    } else {
                        root.setAttribute(SharedSpans.ERROR_TYPE, REPORT_FAILED)
                                .setStatus(StatusCode.ERROR, tally.failures() + " of " + tally.teachers() + " reports failed");
                    }
                    root.setAttribute(SharedSpans.DB_QUERY_COUNT, DbQueryCount.of(started.context()));
                    metrics.recordRun(success, tally.sent(), tally.failures(), took);
                    run.status = success ? RunStatus.SUCCEEDED : RunStatus.FAILED;
                    run.teachers = tally.teachers();
                    run.reportsSent = tally.sent();
                    run.failures = tally.failures();
                    run.finishedAt = now;
                    LOG.infof("Weekly run %s of %s %s: %d teachers, %d reports sent, %d failed", run.id, run.weekStart,
                            run.status, tally.teachers(), tally.sent(), tally.failures());
                })
                .call(metrics::refreshLastSuccess)
                .replaceWith(run);
    }

    /** The run itself failed (PostgreSQL lost, say): recorded as FAILED if possible, else its lease runs out. */
    private Uni<Void> finishAfterFailure(StartedRun started, Throwable failure, Duration took) {
        ReactiveSpans.markFailed(started.root(), failure);
        metrics.recordRun(false, 0, 0, took);
        LOG.errorf(failure, "Weekly run %s of %s failed", started.run().id, started.run().weekStart);
        return Panache.withTransaction(() -> runs.finish(started.run().id, RunStatus.FAILED, 0, 0, 0, clock.instant()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(unrecorded -> {
                    LOG.errorf("Could not record weekly run %s as FAILED; it is taken for dead when its lease expires: %s",
                            started.run().id, unrecorded);
                    return null;
                });
    }

    private record QueuedEmail(Optional<Email> email, ReportOutcome outcome) {
    }

    private record Tally(int teachers, int sent, int failures) {

        static Tally of(int teachers, List<ReportOutcome> outcomes) {
            return new Tally(teachers, (int) outcomes.stream().filter(ReportOutcome.SENT::equals).count(),
                    (int) outcomes.stream().filter(ReportOutcome.FAILED::equals).count());
        }
    }
}
