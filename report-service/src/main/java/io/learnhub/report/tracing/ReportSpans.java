package io.learnhub.report.tracing;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * report-service's own span names, event names and attribute keys; the shared ones (teacher.id,
 * invoice.id, room.id, message.id, cache.hit, event.duplicate, db.query_count, send_email and its
 * attributes, correlation_id) are common's SharedSpans. docs/architecture.md catalogues both.
 */
public final class ReportSpans {

    /** Consuming one payments.invoice-paid.v1 record: the teacher's stats and the enrolment email. */
    public static final String RECORD_INVOICE_PAID = "record_invoice_paid";
    /** Consuming one payments.refunded.v1 record into the teacher's weekly stats. */
    public static final String RECORD_REFUND = "record_refund";
    /** Consuming one chat.room-created.v1 record: whose room it is. */
    public static final String RECORD_ROOM_CREATED = "record_room_created";
    /** Consuming one chat.message-sent.v1 record: who wrote in which room and week. */
    public static final String RECORD_MESSAGE_SENT = "record_message_sent";
    /** Looking up a stats response in Redis. */
    public static final String READ_STATS_CACHE = "read_stats_cache";
    /** One run of the weekly job: the root of its own trace. */
    public static final String SEND_WEEKLY_REPORTS = "send_weekly_reports";
    /** Loading the teachers and all their numbers of the week, in a bounded number of queries. */
    public static final String FETCH_TEACHERS = "fetch_teachers";
    /** Making, storing and emailing every teacher's report, one after another. */
    public static final String PROCESS_TEACHERS = "process_teachers";
    /** One teacher's report. */
    public static final String GENERATE_REPORT = "generate_report";

    /** On {@code send_weekly_reports}: every teacher's report was made and handed to the mail outbox. */
    public static final String EVENT_ALL_REPORTS_SENT = "all_reports_sent";
    /** The email was not queued: no address is known for its recipient. */
    public static final String EVENT_NO_RECIPIENT_ADDRESS = "no_recipient_address";
    /** On {@code generate_report}: this teacher's report of the week had been emailed by an earlier run. */
    public static final String EVENT_ALREADY_EMAILED = "already_emailed";

    /** On {@code fetch_teachers} and {@code process_teachers}: the number of teachers. */
    public static final AttributeKey<Long> COUNT = longKey("count");
    /** The size of a report's text, in bytes (UTF-8). */
    public static final AttributeKey<Long> REPORT_SIZE = longKey("report.size");
    public static final AttributeKey<String> REPORT_RUN_ID = stringKey("report.run_id");
    /** The ISO week reported on: its Monday, {@code 2026-11-16}. */
    public static final AttributeKey<String> REPORT_WEEK = stringKey("report.week");
    /** {@code SCHEDULED} (the cron) or {@code MANUAL} (an admin's request). */
    public static final AttributeKey<String> REPORT_TRIGGER = stringKey("report.trigger");
    /** On {@code send_weekly_reports}: reports emailed in this run. */
    public static final AttributeKey<Long> REPORTS_SENT = longKey("reports_sent");
    /** On {@code send_weekly_reports}: teachers whose report failed. */
    public static final AttributeKey<Long> REPORT_FAILURES = longKey("report.failures");

    private ReportSpans() {
    }
}
