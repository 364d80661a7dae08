package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.CHAT;
import static io.learnhub.e2e.E2eStack.PAYMENT;
import static io.learnhub.e2e.E2eStack.REPORT;
import static io.learnhub.e2e.GatewayApi.COURSE_ROOM_ID;
import static io.learnhub.e2e.GatewayApi.TEACHER_ID;
import static io.learnhub.e2e.GatewayApi.emailOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.learnhub.e2e.GatewayApi.WeekStats;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.MailServer;

/**
 * What every consumer of {@code payments.invoice-paid.v1} does for a paid invoice, reconciled with
 * the webhooks the suite accepted after a fault: one record per invoice on the topic, report-service's
 * stats (and the teacher's enrolment email), chat-service's course room membership and SYSTEM
 * message, payment-service's confirmation email; each printed and asserted by {@link Reliability}.
 */
final class InvoicePaidEffects {

    static final String TOPIC = InvoicePaidRecord.TYPE;
    static final Duration POLL = Duration.ofMillis(250);
    /** Read in the database: the course room's history has more messages than a page by now. */
    private static final String COURSE_ROOM_SYSTEM_MESSAGES = "select count(*) from messages where kind = 'SYSTEM' and room_id = '"
            + COURSE_ROOM_ID + "'";
    private static final String COURSE_ROOM_MEMBERS = "select user_id from room_members where room_id = '" + COURSE_ROOM_ID
            + "' and user_id = any(?)";

    /** An accepted webhook: its invoice, student and amount, and the trace it started. */
    record Paid(String invoiceId, String studentId, BigDecimal amount, String traceId) {
    }

    /** The counters that grow with every payment, read before the scenario. */
    record Before(WeekStats teacherStats, long systemMessages) {
    }

    private final E2eStack stack;
    private final GatewayApi api;

    InvoicePaidEffects(E2eStack stack, GatewayApi api) {
        this.stack = stack;
        this.api = api;
    }

    Before before() {
        return new Before(teacherStats(), Reliability.count(stack, CHAT, COURSE_ROOM_SYSTEM_MESSAGES));
    }

    /**
     * Waits until payment-service's outbox has sent every accepted invoice's event and every
     * consumer has done its part, then reconciles each effect with the accepted webhooks.
     */
    void awaitAndReconcile(String scenario, List<Paid> accepted, Before before, Duration timeout) {
        List<String> invoiceIds = accepted.stream().map(Paid::invoiceId).toList();
        List<String> students = accepted.stream().map(Paid::studentId).toList();
        Instant start = Instant.now();
        await("payment-service's outbox rows sent").atMost(timeout).pollInterval(POLL)
                .until(() -> Reliability.unsentOutboxRows(stack, PAYMENT, invoiceIds) == 0);
        long relayed = Reliability.millisSince(start);
        await("teacher " + TEACHER_ID + "'s stats to count every payment").atMost(timeout).pollInterval(POLL)
                .until(() -> teacherStats().paidInvoices() >= before.teacherStats().paidInvoices() + accepted.size());
        await("a confirmation email to every student").atMost(timeout).pollInterval(POLL)
                .until(() -> students.stream().allMatch(student -> !stack.emailsTo(emailOf(student)).isEmpty()));
        await("an enrolment email to the teacher per payment").atMost(timeout).pollInterval(POLL)
                .until(() -> invoiceIds.stream().allMatch(invoiceId -> enrolmentEmails(invoiceId) > 0));
        await("every student in the course room").atMost(timeout).pollInterval(POLL)
                .until(() -> Reliability.rowsBy(stack, CHAT, COURSE_ROOM_MEMBERS, students).size() == students.size());
        await("a SYSTEM message per student").atMost(timeout).pollInterval(POLL)
                .until(() -> Reliability.count(stack, CHAT, COURSE_ROOM_SYSTEM_MESSAGES) >= before.systemMessages() + accepted.size());
        System.out.printf("[reliability] %s: %s outbox sent %d ms and every effect in %d ms into the check%n", scenario, TOPIC,
                relayed, Reliability.millisSince(start));

        stack.awaitConsumersCaughtUp();
        Map<String, Long> records = Reliability.recordsBy(stack, TOPIC, ConsumerRecord::key);
        Reliability.perKey(scenario, TOPIC + " records", invoiceIds, key -> records.getOrDefault(key, 0L)).report();
        WeekStats after = teacherStats();
        Reliability.total(scenario, TOPIC + " -> report-service paid invoices", accepted.size(),
                after.paidInvoices() - before.teacherStats().paidInvoices()).report();
        assertThat(after.revenue()).as("teacher %s's revenue", TEACHER_ID).isEqualByComparingTo(before.teacherStats().revenue()
                .add(accepted.stream().map(Paid::amount).reduce(BigDecimal.ZERO, BigDecimal::add)));
        Reliability.perKey(scenario, TOPIC + " -> report-service enrolment emails", invoiceIds, this::enrolmentEmails).report();
        Reliability.perKey(scenario, TOPIC + " -> payment-service emails", invoiceIds, invoiceId -> stack.emailsTo(emailOf(
                studentOf(accepted, invoiceId))).stream().filter(email -> MailServer.body(email).contains(invoiceId)).count())
                .report();
        Map<String, Long> members = Reliability.rowsBy(stack, CHAT, COURSE_ROOM_MEMBERS, students);
        Reliability.perKey(scenario, TOPIC + " -> chat-service course room members", students,
                student -> members.getOrDefault(student, 0L)).report();
        Reliability.total(scenario, TOPIC + " -> chat-service SYSTEM messages", accepted.size(),
                Reliability.count(stack, CHAT, COURSE_ROOM_SYSTEM_MESSAGES) - before.systemMessages()).report();
    }

    /** Every consumer's CONSUMER span of the event is in the webhook's trace, under payment-service's PRODUCER span. */
    void awaitConsumersInTrace(Paid paid, Duration timeout) {
        stack.traces().awaitTraceSatisfying(paid.traceId(), trace -> Reliability.assertConsumersUnderProducer(trace, TOPIC,
                PAYMENT, List.of(CHAT, REPORT, PAYMENT)), timeout);
    }

    /** Teacher 1001's stats summed over every week: a stream may straddle two ISO weeks at midnight on a Sunday. */
    private WeekStats teacherStats() {
        return api.teacherStats().values().stream().reduce(WeekStats.NONE,
                (a, b) -> new WeekStats(a.paidInvoices() + b.paidInvoices(), a.revenue().add(b.revenue())));
    }

    private long enrolmentEmails(String invoiceId) {
        return stack.emailsTo(GatewayApi.TEACHER_EMAIL).stream().filter(email -> MailServer.body(email).contains(invoiceId)).count();
    }

    private static String studentOf(List<Paid> accepted, String invoiceId) {
        return accepted.stream().filter(paid -> paid.invoiceId().equals(invoiceId)).findFirst().orElseThrow().studentId();
    }
}
