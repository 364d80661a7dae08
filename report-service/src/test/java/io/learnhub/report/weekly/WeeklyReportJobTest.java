package io.learnhub.report.weekly;

import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.testing.MailServerTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

/**
 * What the cron fires on every replica (the test profile switches the schedule itself off, and the
 * test fires it as the scheduler does, on a Vert.x context): a run of the last complete week, once;
 * a replica firing later finds the week reported and does nothing.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WeeklyReportJobTest {

    @Inject
    WeeklyReportJob job;

    @Inject
    WeeklyReportRunner runner;

    @Inject
    ReportRunRepository runs;

    @Test
    @RunOnVertxContext
    void theScheduleReportsTheLastCompleteWeekOnceWhicheverReplicaFiresLater(UniAsserter asserter) {
        LocalDate lastWeek = runner.lastCompleteWeek();
        asserter.execute(() -> job.sendWeeklyReports());
        asserter.execute(() -> job.sendWeeklyReports());

        asserter.assertEquals(() -> Panache.withSession(() -> runs.count("weekStart = ?1 and trigger = ?2 and status = ?3",
                lastWeek, RunTrigger.SCHEDULED, RunStatus.SUCCEEDED)), 1L);
        asserter.assertEquals(() -> Panache.withSession(() -> runs.count("weekStart = ?1 and status = ?2", lastWeek,
                RunStatus.RUNNING)), 0L);
    }
}
