package io.learnhub.report;

/**
 * Names of report-service's business spans and their attribute keys, declared once. The names and
 * keys shared with other services follow the span table of ARCHITECTURE.md.
 */
public final class ReportTracing {

    /** Consuming one {@code payments.invoice-paid.v1} record into the teacher's weekly stats. */
    public static final String RECORD_INVOICE_PAID = "record_invoice_paid";
    /** Looking up a stats response in Redis. */
    public static final String READ_STATS_CACHE = "read_stats_cache";

    public static final String TEACHER_ID = "teacher.id";
    public static final String INVOICE_ID = "invoice.id";
    public static final String CACHE_HIT = "cache.hit";
    /** True when the event had been processed before and was skipped. */
    public static final String EVENT_DUPLICATE = "event.duplicate";

    private ReportTracing() {
    }
}
