package io.learnhub.report.stats;

import io.learnhub.common.error.ApiException;

/** 403: a teacher asked for another teacher's stats. */
public class NotOwnStatsException extends ApiException {

    public NotOwnStatsException() {
        super(403, "forbidden", "Teachers may only read their own stats");
    }
}
