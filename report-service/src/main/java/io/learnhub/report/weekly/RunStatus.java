package io.learnhub.report.weekly;

/** RUNNING until every teacher was processed: SUCCEEDED, or FAILED when a report failed or the run died. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED
}
