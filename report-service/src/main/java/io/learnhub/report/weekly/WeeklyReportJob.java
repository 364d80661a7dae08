package io.learnhub.report.weekly;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The weekly schedule: every replica's scheduler fires, one claims the run, the others find it
 * claimed (or, later, the week reported) and do nothing.
 */
@ApplicationScoped
public class WeeklyReportJob {

    private final WeeklyReportRunner runner;

    WeeklyReportJob(WeeklyReportRunner runner) {
        this.runner = runner;
    }

    @Scheduled(identity = "weekly-reports", cron = "${learnhub.report.weekly.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sendWeeklyReports() {
        return runner.runScheduled(runner.lastCompleteWeek()).replaceWithVoid();
    }
}
