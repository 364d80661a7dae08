package io.learnhub.report.weekly;

import java.util.UUID;

import io.learnhub.common.error.ApiException;

/** 409: a weekly run is under way (on this replica or another); it is named, not queued behind. */
public class RunInProgressException extends ApiException {

    private final UUID runId;

    public RunInProgressException(UUID runId) {
        super(409, "run_in_progress", "A weekly report run is in progress: " + runId
                + " (GET /api/reports/weekly/runs/" + runId + ")");
        this.runId = runId;
    }

    public UUID runId() {
        return runId;
    }
}
