package io.learnhub.report.weekly;

import io.learnhub.common.error.ApiException;

/** 400: the {@code week} parameter is not a date. */
public class InvalidWeekException extends ApiException {

    public InvalidWeekException(String value) {
        super(400, "validation_failed", "week: must be a date such as 2026-11-16, not '" + value + "'");
    }
}
