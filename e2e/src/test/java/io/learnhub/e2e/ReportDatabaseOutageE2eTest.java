package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.CHAT;
import static io.learnhub.e2e.E2eStack.PAYMENT;
import static io.learnhub.e2e.E2eStack.REPORT;
import static io.learnhub.e2e.GatewayApi.freshUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.e2e.GatewayApi.WeekStats;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.PaymentNotifications;
import io.learnhub.testing.PrometheusText;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * report-service's PostgreSQL stopped as a crash would, while payments and chat messages go on:
 * the events report-service consumes meanwhile are retried (IncomingEvents' backoff, the partition
 * waiting), not dead-lettered, and once the database is back each is applied exactly once, so the
 * teacher's stats and the chat activity count exactly what happened. The outage is kept well
 * within the retries' 35 s; the database is restarted however the outage ends.
 */
@DisplayName("report-service's PostgreSQL stopped and restarted")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDatabaseOutageE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();
    static final GatewayApi API = new GatewayApi(STACK);

    static final String SCENARIO = "report-service postgresql";
    static final String INVOICE_PAID_TOPIC = "payments.invoice-paid.v1";
    static final String MESSAGE_SENT_TOPIC = "chat.message-sent.v1";
    static final int PAYMENTS_DURING_OUTAGE = 3;
    static final int MESSAGES_DURING_OUTAGE = 5;
    static final String RETRIES_METRIC = "learnhub_events_retries_total";
    /** The first retries come after 0.5, 1 and 2 s; the next after the database is back at most 10 s later. */
    static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofMillis(250);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final String author = freshUserId();
    String roomId;
    Map<LocalDate, WeekStats> statsBefore;
    final Map<String, BigDecimal> paidInvoices = new LinkedHashMap<>();
    final Map<String, String> payers = new HashMap<>();
    final List<Integer> webhookStatuses = new ArrayList<>();
    final List<String> messageIds = new ArrayList<>();
    Map<String, Double> retriesBefore;
    Map<String, Double> retriesDuringOutage;
    Duration outage;
    Duration servicesReady;
    Duration appliedAfter;

    @BeforeAll
    void stopTheDatabaseWhileEventsFlowThenRestartIt() {
        roomId = API.createGroupRoom(author, List.of(freshUserId()));
        statsBefore = API.teacherStats();
        retriesBefore = retries();

        long stopped = System.nanoTime();
        STACK.stopReportDatabase();
        try {
            for (int i = 0; i < PAYMENTS_DURING_OUTAGE; i++) {
                pay(freshUserId());
            }
            for (int i = 0; i < MESSAGES_DURING_OUTAGE; i++) {
                messageIds.add(API.postMessage(author, roomId, "while report-service's database is down #" + i));
            }
            // both consumers have met the outage: their records failed and wait for a retry
            retriesDuringOutage = await("report-service retrying " + INVOICE_PAID_TOPIC + " and " + MESSAGE_SENT_TOPIC)
                    .atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                    .until(ReportDatabaseOutageE2eTest::retries, now -> now.get(INVOICE_PAID_TOPIC) > retriesBefore.get(INVOICE_PAID_TOPIC)
                            && now.get(MESSAGE_SENT_TOPIC) > retriesBefore.get(MESSAGE_SENT_TOPIC));
        } finally {
            long restarted = System.nanoTime();
            outage = Duration.ofNanos(restarted - stopped);
            servicesReady = STACK.restartReportDatabase();
            try {
                await("every event applied").atMost(EFFECT_TIMEOUT).pollInterval(POLL)
                        .until(() -> processedEvents(eventIds(INVOICE_PAID_TOPIC, paidInvoices.keySet())).size()
                                + recordedMessages().size() >= paidInvoices.size() + messageIds.size());
                appliedAfter = Duration.ofNanos(System.nanoTime() - restarted);
            } catch (ConditionTimeoutException notAll) {
                // the tests below say what is missing
            }
        }
        System.out.printf("[reliability] %s down %s; services ready %s and every event applied %s after it returned%n",
                SCENARIO, Reliability.seconds(outage), Reliability.seconds(servicesReady),
                appliedAfter == null ? "never (within " + EFFECT_TIMEOUT.toSeconds() + " s)" : Reliability.seconds(appliedAfter));
    }

    @Test
    void paymentsAndMessagesAreAcceptedWhileReportServicesDatabaseIsDown() {
        assertThat(webhookStatuses).hasSize(PAYMENTS_DURING_OUTAGE).containsOnly(200);
        assertThat(messageIds).hasSize(MESSAGES_DURING_OUTAGE).doesNotContainNull();
    }

    @Test
    void failedRecordsAreRetriedNotDeadLettered() {
        assertThat(retriesDuringOutage.get(INVOICE_PAID_TOPIC)).as("%s retries", INVOICE_PAID_TOPIC)
                .isGreaterThan(retriesBefore.get(INVOICE_PAID_TOPIC));
        assertThat(retriesDuringOutage.get(MESSAGE_SENT_TOPIC)).as("%s retries", MESSAGE_SENT_TOPIC)
                .isGreaterThan(retriesBefore.get(MESSAGE_SENT_TOPIC));

        TestKafka kafka = TestKafka.at(STACK.kafkaBootstrapServers());
        assertThat(kafka.records(INVOICE_PAID_TOPIC + ".dlq")).extracting(ConsumerRecord::key)
                .doesNotContainAnyElementsOf(paidInvoices.keySet());
        assertThat(kafka.records(MESSAGE_SENT_TOPIC + ".dlq")).extracting(ConsumerRecord::key).doesNotContain(roomId);
    }

    @Test
    void eachPaymentIsCountedExactlyOnceWhenTheDatabaseIsBack() {
        Map<LocalDate, WeekStats> expected = new HashMap<>(statsBefore);
        paidInvoices.forEach((invoiceId, amount) -> expected.merge(week(invoiceId), WeekStats.NONE.plus(amount),
                (before, added) -> before.plus(amount)));
        await("teacher stats with the payments").atMost(EFFECT_TIMEOUT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(API.teacherStats()).containsAllEntriesOf(expected));
        STACK.awaitConsumersCaughtUp();

        List<String> applied = awaitApplications("record_invoice_paid", "invoice.id", paidInvoices.keySet(),
                PAYMENT, "process_payment_webhook");
        Reliability.observed(SCENARIO, INVOICE_PAID_TOPIC, paidInvoices.keySet(), applied).report();
        assertThat(processedEvents(eventIds(INVOICE_PAID_TOPIC, paidInvoices.keySet()))).hasSize(PAYMENTS_DURING_OUTAGE);
    }

    @Test
    void eachMessageIsCountedExactlyOnceWhenTheDatabaseIsBack() {
        await("messages recorded").atMost(EFFECT_TIMEOUT).pollInterval(POLL)
                .until(this::recordedMessages, recorded -> recorded.size() == MESSAGES_DURING_OUTAGE);
        STACK.awaitConsumersCaughtUp();

        List<String> applied = awaitApplications("record_message_sent", "message.id", messageIds, CHAT, "send_message");
        Reliability.observed(SCENARIO, MESSAGE_SENT_TOPIC, messageIds, applied).report();
        assertThat(recordedMessages()).containsExactlyInAnyOrderElementsOf(messageIds);
    }

    private void pay(String studentId) {
        JsonPath invoice = API.createInvoice(studentId);
        String invoiceId = invoice.getString("id");
        String body = PaymentNotifications.succeeded("pay-e2e-db-" + UUID.randomUUID(), invoiceId,
                invoice.getString("amount.value"), invoice.getString("amount.currency"));
        Response webhook = API.sendWebhook(body, PaymentNotifications.signedHeaders(body, STACK.webhookSecret()),
                "e2e-db-outage-" + UUID.randomUUID());
        webhookStatuses.add(webhook.statusCode());
        paidInvoices.put(invoiceId, new BigDecimal(invoice.getString("amount.value")));
        payers.put(invoiceId, studentId);
    }

    private LocalDate week(String invoiceId) {
        return GatewayApi.weekPaid(API.invoice(DevTokens.student(payers.get(invoiceId)), invoiceId));
    }

    /**
     * The ids ({@code idAttribute}) of report-service's spans that applied an event for the first
     * time ({@code event.duplicate=false}), once per span, once every id has one: a second
     * application of the same event would show as a second span. Each is in the trace of the
     * span that caused the event ({@code origin} of {@code originService}, same id): retried work
     * stays in the originating trace.
     */
    private static List<String> awaitApplications(String spanName, String idAttribute, Collection<String> ids,
            String originService, String origin) {
        List<SpanData> applications = await(spanName + " spans").atMost(EFFECT_TIMEOUT).pollInterval(POLL)
                .until(() -> spans(REPORT, spanName, idAttribute, ids).stream()
                        .filter(span -> "false".equals(TraceTree.attributeText(span, "event.duplicate")))
                        .toList(), applied -> applied.stream().map(span -> TraceTree.attributeText(span, idAttribute)).toList()
                                .containsAll(ids));
        Map<String, String> originTraces = new HashMap<>();
        spans(originService, origin, idAttribute, ids)
                .forEach(span -> originTraces.put(TraceTree.attributeText(span, idAttribute), span.getTraceId()));
        assertThat(applications).allSatisfy(span -> assertThat(span.getTraceId())
                .as("trace of %s, and of %s %s", TraceTree.describe(span), originService, origin)
                .isEqualTo(originTraces.get(TraceTree.attributeText(span, idAttribute))));
        return applications.stream().map(span -> TraceTree.attributeText(span, idAttribute)).toList();
    }

    private static List<SpanData> spans(String service, String name, String idAttribute, Collection<String> ids) {
        return STACK.traces().spans().stream()
                .filter(span -> service.equals(TraceTree.serviceName(span)) && name.equals(span.getName()))
                .filter(span -> ids.contains(TraceTree.attributeText(span, idAttribute)))
                .toList();
    }

    /** The envelopes' event ids of the topic's records with these keys. */
    private static List<UUID> eventIds(String topic, Collection<String> keys) {
        return TestKafka.at(STACK.kafkaBootstrapServers()).records(topic).stream()
                .filter(record -> keys.contains(record.key()))
                .map(record -> UUID.fromString(new JsonPath(record.value()).getString("eventId")))
                .toList();
    }

    private static List<String> processedEvents(List<UUID> eventIds) {
        return query("select event_id::text from processed_events where event_id = any(?)", "uuid", eventIds.toArray());
    }

    private List<String> recordedMessages() {
        return query("select message_id::text from chat_messages where message_id = any(?)", "uuid",
                messageIds.stream().map(UUID::fromString).toArray());
    }

    /** The first column of a query on report-service's database; an empty list while that database is down. */
    private static List<String> query(String sql, String arrayType, Object[] values) {
        try (Connection connection = DriverManager.getConnection(STACK.jdbcUrl(REPORT), "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf(arrayType, values));
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                return List.of(); // connection exception: the database is down
            }
            throw new IllegalStateException("Cannot query report-service's database: " + sql, e);
        }
    }

    /** {@code learnhub_events_retries_total} of report-service by topic, read from its own {@code /q/metrics}. */
    private static Map<String, Double> retries() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(STACK.serviceUrl(REPORT) + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Double> byTopic = new HashMap<>();
            for (String topic : List.of(INVOICE_PAID_TOPIC, MESSAGE_SENT_TOPIC)) {
                byTopic.put(topic, PrometheusText.sum(metrics, RETRIES_METRIC, "topic=\"" + topic + "\""));
            }
            return byTopic;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
