package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.CHAT;
import static io.learnhub.e2e.E2eStack.PAYMENT;
import static io.learnhub.e2e.E2eStack.REPORT;
import static io.learnhub.e2e.GatewayApi.COURSE_MATERIALS;
import static io.learnhub.e2e.GatewayApi.COURSE_ROOM_ID;
import static io.learnhub.e2e.GatewayApi.TEACHER_ID;
import static io.learnhub.e2e.GatewayApi.emailOf;
import static io.learnhub.e2e.GatewayApi.freshUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.e2e.GatewayApi.WeekStats;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.PaymentNotifications;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceResponseHeader;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A payment webhook while the Kafka broker is down: the provider gets its answer at once, and
 * once Kafka is back the outbox relay publishes the event exactly once, under the webhook's
 * stored trace context, so every effect (report-service's stats, chat-service's room and SYSTEM
 * message, payment-service's confirmation email) happens and the trace stays one unbroken tree.
 *
 * <p>The broker stays down until payment-service has given up its own publish (a failed
 * {@code queue_hooks} span, within the producer's 10 s delivery timeout), so what reaches Kafka is
 * the relay's, which takes the row when its 30 s outbox lease runs out: the class takes about
 * that long, with production timings. The broker is restarted whatever happens, and the services
 * are ready again before any test runs.
 */
@DisplayName("A payment webhook while Kafka is down")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();
    static final GatewayApi API = new GatewayApi(STACK);

    static final String INVOICE_PAID_TOPIC = InvoicePaidRecord.TYPE;
    /** payment-service waits at most 2 s for Kafka (learnhub.payment.webhook.publish-wait); the rest is margin for two loaded cores. */
    static final Duration WEBHOOK_ANSWER_LIMIT = Duration.ofSeconds(5);
    /** Kafka's delivery timeout (10 s) or the outbox publish timeout (20 s), whichever ends the first attempt. */
    static final Duration FIRST_PUBLISH_GIVES_UP = Duration.ofSeconds(30);
    /** The relay takes the row once its lease (30 s from the commit) has run out, every 2 s; the consumers follow. */
    static final Duration RELAYED_EFFECT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofMillis(250);

    final String studentId = freshUserId();
    final String correlationId = "e2e-outage-" + UUID.randomUUID();
    final String paymentId = "pay-e2e-outage-" + UUID.randomUUID();
    String invoiceId;
    BigDecimal amount;
    Response webhook;
    Duration webhookAnsweredIn;
    Map<LocalDate, WeekStats> teacherStatsBefore;
    Set<String> systemMessagesBefore;

    @BeforeAll
    void payWhileKafkaIsDownThenBringItBack() {
        teacherStatsBefore = API.teacherStats();
        systemMessagesBefore = API.systemMessageIds(DevTokens.teacher(TEACHER_ID));
        JsonPath invoice = API.createInvoice(studentId);
        invoiceId = invoice.getString("id");
        amount = new BigDecimal(invoice.getString("amount.value"));
        String body = PaymentNotifications.succeeded(paymentId, invoiceId, invoice.getString("amount.value"),
                invoice.getString("amount.currency"));

        STACK.stopKafka();
        try {
            long start = System.nanoTime();
            webhook = API.sendWebhook(body, PaymentNotifications.signedHeaders(body, STACK.webhookSecret()), correlationId);
            webhookAnsweredIn = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("[e2e] payment webhook with Kafka down: HTTP %d in %d ms%n", webhook.statusCode(),
                    webhookAnsweredIn.toMillis());
            if (webhook.statusCode() == 200) {
                // Kafka stays down until payment-service has given up its own publish: what reaches Kafka is the relay's
                STACK.traces().awaitTraceSatisfying(traceId(), trace -> assertThat(publishAttempts(trace, true))
                        .as("failed queue_hooks in %s", trace.describe()).isNotEmpty(), FIRST_PUBLISH_GIVES_UP);
            }
        } finally {
            STACK.restartKafka();
        }
    }

    @Test
    void webhookIsAnsweredPromptlyWhileKafkaIsDown() {
        assertThat(webhook.statusCode()).as(webhook.asString()).isEqualTo(200);
        assertThat(webhook.jsonPath().getString("invoiceId")).isEqualTo(invoiceId);
        assertThat(webhook.jsonPath().getString("status")).isEqualTo("PAID");
        assertThat(webhook.jsonPath().getBoolean("duplicate")).isFalse();
        assertThat(webhookAnsweredIn).as("time to answer the webhook with Kafka down").isLessThan(WEBHOOK_ANSWER_LIMIT);
    }

    @Test
    void invoiceIsPaidAndMaterialsUnlockedWithoutKafka() {
        JsonPath invoice = API.invoice(DevTokens.student(studentId), invoiceId);

        assertThat(invoice.getString("status")).isEqualTo("PAID");
        assertThat(invoice.getString("providerPaymentId")).isEqualTo(paymentId);
        assertThat(API.materials(DevTokens.student(studentId))).hasSize(COURSE_MATERIALS)
                .allSatisfy(material -> assertThat(material.get("unlocked")).isEqualTo(true));
    }

    @Test
    void invoicePaidIsPublishedExactlyOnceWhenKafkaIsBack() {
        TestKafka kafka = TestKafka.at(STACK.kafkaBootstrapServers());
        await(INVOICE_PAID_TOPIC + " record " + invoiceId).atMost(RELAYED_EFFECT_TIMEOUT).pollInterval(POLL)
                .until(() -> kafka.recordsWithKey(INVOICE_PAID_TOPIC, invoiceId), records -> !records.isEmpty());
        // the relay's queue_hooks ends once Kafka has acknowledged and the row is marked sent: no publish can follow
        awaitTrace(trace -> assertThat(publishAttempts(trace, false)).as("successful queue_hooks in %s", trace.describe())
                .isNotEmpty());

        List<ConsumerRecord<String, String>> records = kafka.recordsWithKey(INVOICE_PAID_TOPIC, invoiceId);
        assertThat(records).as("%s records with key %s", INVOICE_PAID_TOPIC, invoiceId).hasSize(1);
        assertThat(TestKafka.header(records.get(0), "traceparent")).as("traceparent of the published record")
                .contains(traceId());
    }

    @Test
    void reportServiceCountsThePayment() {
        LocalDate week = GatewayApi.weekPaid(API.invoice(DevTokens.student(studentId), invoiceId));
        WeekStats expected = teacherStatsBefore.getOrDefault(week, WeekStats.NONE).plus(amount);

        await("teacher " + TEACHER_ID + " stats for the week of " + week).atMost(RELAYED_EFFECT_TIMEOUT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(API.teacherStats().get(week)).isEqualTo(expected));
    }

    @Test
    void chatServiceAddsTheStudentToTheCourseRoomWithASystemMessage() {
        String token = DevTokens.student(studentId);
        await("student " + studentId + " in the course room").atMost(RELAYED_EFFECT_TIMEOUT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(API.courseRooms(token)).extracting(room -> room.get("id"))
                        .containsExactly(COURSE_ROOM_ID));
        await("a new SYSTEM message in the course room").atMost(RELAYED_EFFECT_TIMEOUT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(API.systemMessageIds(token))
                        .as("SYSTEM messages before the payment: %s", systemMessagesBefore)
                        .hasSizeGreaterThan(systemMessagesBefore.size())
                        .containsAll(systemMessagesBefore));
    }

    @Test
    void studentGetsExactlyOneConfirmationEmail() {
        String address = emailOf(studentId);
        await("a confirmation email to student " + studentId).atMost(RELAYED_EFFECT_TIMEOUT).pollInterval(POLL)
                .until(() -> !STACK.emailsTo(address).isEmpty());
        awaitTrace(trace -> assertThat(trace.named(PAYMENT, "send_email")).as("send_email in %s", trace.describe()).hasSize(1));

        assertThat(STACK.emailsTo(address)).singleElement()
                .satisfies(email -> assertThat(MailServer.body(email)).contains(invoiceId, paymentId));
    }

    /**
     * Every consumer of the relayed record (report-service, chat-service and payment-service's own
     * hooks) is in the webhook's trace, under the relay's producer span, itself under
     * {@code queue_hooks} restored from the outbox row, under {@code process_payment_webhook}.
     */
    @Test
    void traceStaysUnbrokenFromTheWebhookToEveryConsumer() {
        TraceTree received = awaitTrace(trace -> {
            assertThat(trace.orphans()).as("spans whose parent is not in the trace: %s", trace.describe()).isEmpty();
            for (String service : List.of(CHAT, REPORT, PAYMENT)) {
                List<SpanData> consumers = trace.messaging(service, SpanKind.CONSUMER, INVOICE_PAID_TOPIC);
                assertThat(consumers).as("%s CONSUMER spans for %s in %s", service, INVOICE_PAID_TOPIC, trace.describe())
                        .isNotEmpty();
                consumers.forEach(consumer -> assertRelayedFromTheWebhook(trace, consumer));
                assertThat(consumers.stream().flatMap(consumer -> trace.children(consumer).stream()).toList())
                        .as("%s's work under its CONSUMER span in %s", service, trace.describe()).isNotEmpty();
            }
            assertThat(trace.named(PAYMENT, "run_payment_hooks")).as(trace.describe()).singleElement()
                    .satisfies(hooks -> assertThat(trace.parentOf(hooks)).get()
                            .satisfies(parent -> assertThat(parent.getKind()).isEqualTo(SpanKind.CONSUMER)));
            assertThat(trace.named(PAYMENT, "send_email")).as(trace.describe()).singleElement();
        });
        System.out.println("[e2e] payment trace across a Kafka outage " + traceId() + ": " + received.describe());

        // nothing of this payment landed in a trace of its own: every span naming the invoice or the correlation id is in it
        assertThat(STACK.traces().spans().stream()
                .filter(span -> invoiceId.equals(TraceTree.attributeText(span, "invoice.id"))
                        || correlationId.equals(TraceTree.attributeText(span, TraceTree.CORRELATION_ID.getKey())))
                .filter(span -> !span.getTraceId().equals(traceId()))
                .map(TraceTree::describe)
                .toList()).as("spans of this payment outside trace %s", traceId()).isEmpty();
    }

    private void assertRelayedFromTheWebhook(TraceTree trace, SpanData consumer) {
        SpanData producer = trace.parentOf(consumer).orElseThrow(
                () -> new AssertionError(TraceTree.describe(consumer) + " has no parent in " + trace.describe()));
        assertThat(TraceTree.serviceName(producer) + "/" + producer.getKind())
                .as("parent of %s in %s", TraceTree.describe(consumer), trace.describe())
                .isEqualTo(PAYMENT + "/" + SpanKind.PRODUCER);
        List<String> ancestors = trace.ancestorsOf(producer).stream()
                .map(span -> TraceTree.serviceName(span) + "/" + span.getName()).toList();
        assertThat(ancestors).as("ancestors of %s in %s", TraceTree.describe(producer), trace.describe())
                .startsWith(PAYMENT + "/queue_hooks")
                .contains(PAYMENT + "/process_payment_webhook");
        assertThat(trace.parentOf(producer).orElseThrow().getStatus().getStatusCode())
                .as("the queue_hooks that published %s", TraceTree.describe(producer)).isNotEqualTo(StatusCode.ERROR);
    }

    /** payment-service's publish attempts of the event, failed ({@code ERROR}) or not. */
    private static List<SpanData> publishAttempts(TraceTree trace, boolean failed) {
        return trace.named(PAYMENT, "queue_hooks").stream()
                .filter(span -> (span.getStatus().getStatusCode() == StatusCode.ERROR) == failed)
                .toList();
    }

    private TraceTree awaitTrace(Consumer<TraceTree> assertion) {
        return STACK.traces().awaitTraceSatisfying(traceId(), assertion, RELAYED_EFFECT_TIMEOUT);
    }

    private String traceId() {
        return TraceResponseHeader.parse(webhook.header(TraceResponseHeader.NAME)).traceId();
    }
}
