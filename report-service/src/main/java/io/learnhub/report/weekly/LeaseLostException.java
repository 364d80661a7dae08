package io.learnhub.report.weekly;

import java.util.UUID;

/**
 * A run found its claim gone: its lease expired (it stalled longer than the lease) and a later
 * claim marked it FAILED, so another run may be under way. The run stops where it is.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(UUID runId) {
        super("Weekly run " + runId + " lost its lease: taken for dead by a later claim; it stops");
    }
}
