package io.learnhub.report.weekly;

/** What started a weekly run: the cron, or an admin's request. */
public enum RunTrigger {
    SCHEDULED,
    MANUAL
}
