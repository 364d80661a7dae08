package io.learnhub.report.weekly;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.common.tracing.ReactiveSpans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The weekly job's metrics, for the alert rules "the weekly run failed" and "the weekly run did
 * not run". Every series exists from start-up (an alert's increase() needs the 0). The time of the
 * last success is read from PostgreSQL, so every replica reports the same value whichever ran.
 */
@ApplicationScoped
@Startup
public class WeeklyRunMetrics {

    private static final Logger LOG = Logger.getLogger(WeeklyRunMetrics.class);

    private final ReportRunRepository runs;
    private final ReactiveSpans spans;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter reportsSent;
    private final Counter reportsFailed;
    private final Timer duration;
    private final AtomicReference<Double> lastSuccess = new AtomicReference<>(Double.NaN);
    private final MeterRegistry registry;
    private final Gauge lastSuccessGauge;

    WeeklyRunMetrics(ReportRunRepository runs, ReactiveSpans spans, MeterRegistry registry) {
        this.runs = runs;
        this.spans = spans;
        this.succeeded = runCounter(registry, "succeeded");
        this.failed = runCounter(registry, "failed");
        this.reportsSent = reportCounter(registry, "sent");
        this.reportsFailed = reportCounter(registry, "failed");
        this.duration = Timer.builder("learnhub.reports.weekly.run.duration")
                .description("How long weekly runs took, from claim to the last teacher")
                .register(registry);
        this.registry = registry;
        this.lastSuccessGauge = Gauge.builder("learnhub.reports.weekly.last.success", lastSuccess, AtomicReference::get)
                .description("When the last weekly run succeeded (before the first: when the schema was created), "
                        + "seconds since the epoch")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * The gauge reads this instance's state: it must go with it. Left registered, a later instance
     * (an application restarted in the same JVM, as tests do) would get it back from the registry,
     * reading a value nothing updates any more.
     */
    @PreDestroy
    void removeGauge() {
        registry.remove(lastSuccessGauge);
    }

    private static Counter runCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("learnhub.reports.weekly.runs")
                .description("Weekly runs by outcome: succeeded, failed (a report failed, or the run did)")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter reportCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("learnhub.reports.weekly.reports")
                .description("Teachers' weekly reports by outcome: sent (made and emailed), failed")
                .tag("outcome", outcome)
                .register(registry);
    }

    void recordRun(boolean success, int sent, int failures, Duration took) {
        (success ? succeeded : failed).increment();
        reportsSent.increment(sent);
        reportsFailed.increment(failures);
        duration.record(took);
    }

    /** Reads the last success from PostgreSQL again: at start-up, after a run, and every few minutes. */
    @Scheduled(identity = "weekly-run-last-success", every = "5m", delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refreshLastSuccess() {
        return spans.untraced(() -> Panache.withSession(runs::lastSuccessOrInstallEpochSeconds))
                .invoke(lastSuccess::set)
                .onFailure().invoke(failure -> LOG.warnf("Could not read the last successful weekly run: %s", failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
