package io.learnhub.report.weekly;

import io.learnhub.common.error.ApiException;

/** 403: a teacher asked for another teacher's reports. */
public class NotOwnReportException extends ApiException {

    public NotOwnReportException() {
        super(403, "forbidden", "Teachers may only read their own reports");
    }
}
