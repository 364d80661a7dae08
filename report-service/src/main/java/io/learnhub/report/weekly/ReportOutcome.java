package io.learnhub.report.weekly;

/** What became of one teacher's report in a run. */
enum ReportOutcome {
    /** Stored and accepted by the SMTP server. */
    SENT,
    /** Stored; the email failed and the mail relay will try it again. */
    EMAIL_PENDING,
    /** Stored; an earlier run of the same week emailed it. */
    ALREADY_EMAILED,
    /** Stored; no address is known for the teacher. */
    NO_ADDRESS,
    /** Not stored: the failure is on the teacher's {@code generate_report} span. */
    FAILED
}
