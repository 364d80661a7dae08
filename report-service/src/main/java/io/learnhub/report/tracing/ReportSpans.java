package io.learnhub.report.tracing;

/**
 * report-service's own span names and attribute keys; the shared ones (teacher.id, invoice.id,
 * cache.hit, event.duplicate, correlation_id) are common's SharedSpans. docs/architecture.md catalogues both.
 */
public final class ReportSpans {

    /** Consuming one payments.invoice-paid.v1 record into the teacher's weekly stats. */
    public static final String RECORD_INVOICE_PAID = "record_invoice_paid";
    /** Looking up a stats response in Redis. */
    public static final String READ_STATS_CACHE = "read_stats_cache";

    private ReportSpans() {
    }
}
