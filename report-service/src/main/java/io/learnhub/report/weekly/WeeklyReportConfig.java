package io.learnhub.report.weekly;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code learnhub.report.weekly.*}: the weekly job. */
@ConfigMapping(prefix = "learnhub.report.weekly")
public interface WeeklyReportConfig {

    /**
     * When the job runs, a Quartz cron expression in UTC read by the {@code @Scheduled} expression;
     * {@code off} switches the schedule off (the admin endpoint still runs it). Default Monday 07:00.
     */
    @WithDefault("0 0 7 ? * MON")
    String cron();

    /**
     * How long a run holds its claim without renewing it (it renews per teacher): longer than one
     * teacher's report and email can take, so a live run is never taken for a dead one.
     */
    @WithDefault("2m")
    Duration lease();
}
