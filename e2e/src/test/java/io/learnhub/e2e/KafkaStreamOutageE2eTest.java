package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.CHAT;
import static io.learnhub.e2e.E2eStack.REPORT;
import static io.learnhub.e2e.GatewayApi.freshUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.e2e.InvoicePaidEffects.Before;
import io.learnhub.e2e.InvoicePaidEffects.Paid;
import io.learnhub.testing.ChatSocketClient;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.PaymentNotifications;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceResponseHeader;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Kafka stopped for 30 s in the middle of a stream of payment webhooks and chat messages (over the
 * WebSocket and over REST), all through the gateway: everything the suite accepted while the
 * broker was down reaches every consumer exactly once in effect once it is back (the outbox
 * relays take the rows whose first publish failed when their 30 s lease runs out), and every
 * consumer span stays in the trace of the request that caused it.
 *
 * <p>The stream is paced over the outage, one item every 3 s, so that the outage ends by the clock
 * while items are still being accepted; items before and after it check the healthy path around
 * it. The broker is restarted whatever happens.
 */
@DisplayName("A stream of webhooks and chat messages across a 30 s Kafka outage")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaStreamOutageE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();
    static final GatewayApi API = new GatewayApi(STACK);
    static final InvoicePaidEffects EFFECTS = new InvoicePaidEffects(STACK, API);

    static final String SCENARIO = "kafka-stream-outage";
    static final String MESSAGE_SENT = "chat.message-sent.v1";
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration PACE = Duration.ofSeconds(3);
    /** payment-service waits at most 2 s for Kafka (learnhub.payment.webhook.publish-wait); the rest is margin. */
    static final Duration WEBHOOK_ANSWER_LIMIT = Duration.ofSeconds(5);
    /** The last item of the outage is relayed once its 30 s lease has run out; the consumers follow. */
    static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(75);
    static final Duration POLL = Duration.ofMillis(250);


    /** An accepted chat message: its id and the trace its sender started. */
    record Message(String id, String traceId) {
    }

    final String alice = freshUserId();
    final String bob = freshUserId();
    String roomId;
    ChatSocketClient aliceSocket;
    ChatSocketClient bobSocket;
    Before before;
    final List<JsonPath> invoices = new ArrayList<>();
    final List<Paid> payments = new ArrayList<>();
    final List<Duration> webhookAnswers = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    int webhooksSent;
    int messagesSent;

    @BeforeAll
    void streamAcrossTheOutage() {
        roomId = API.createGroupRoom(alice, List.of(bob));
        aliceSocket = ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(alice));
        bobSocket = ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(bob));
        await("alice and bob online").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .untilAsserted(() -> assertThat(API.asUser(DevTokens.student(alice))
                        .get("/api/chat/rooms/{id}/presence", roomId).then().statusCode(200).extract()
                        .jsonPath().getList("onlineUserIds", String.class)).containsExactlyInAnyOrder(alice, bob));
        before = EFFECTS.before();
        for (int i = 0; i < 6; i++) {
            invoices.add(API.createInvoice(freshUserId()));
        }

        // healthy: one of each
        payWebhook();
        sendOverSocket();
        postOverRest();

        STACK.stopKafka();
        Instant down = Instant.now();
        try {
            // one item every PACE for OUTAGE: webhooks and messages taking turns
            for (int slot = 0; slot < OUTAGE.dividedBy(PACE); slot++) {
                Instant due = down.plus(PACE.multipliedBy(slot));
                await("slot " + slot + " of the outage").atMost(OUTAGE.plus(PACE)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(due));
                switch (slot % 3) {
                    case 0 -> payWebhook();
                    case 1 -> sendOverSocket();
                    default -> postOverRest();
                }
            }
            await("the end of the " + OUTAGE.toSeconds() + " s outage").atMost(OUTAGE.plus(PACE)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(down.plus(OUTAGE)));
        } finally {
            Instant up = Instant.now();
            STACK.restartKafka();
            System.out.printf("[reliability] %s: kafka down for %d ms; broker and every service ready again %d ms later%n",
                    SCENARIO, Duration.between(down, up).toMillis(), Reliability.millisSince(up));
        }

        // healthy again: one of each
        payWebhook();
        sendOverSocket();
        postOverRest();
    }

    @AfterAll
    void closeSockets() {
        for (ChatSocketClient socket : new ChatSocketClient[] { aliceSocket, bobSocket }) {
            if (socket != null) {
                socket.close();
            }
        }
    }

    private void payWebhook() {
        JsonPath invoice = invoices.get(webhooksSent++);
        String invoiceId = invoice.getString("id");
        String body = PaymentNotifications.succeeded("pay-e2e-stream-" + UUID.randomUUID(), invoiceId,
                invoice.getString("amount.value"), invoice.getString("amount.currency"));
        long start = System.nanoTime();
        Response webhook = API.sendWebhook(body, PaymentNotifications.signedHeaders(body, STACK.webhookSecret()),
                "e2e-stream-" + UUID.randomUUID());
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - start);
        if (webhook.statusCode() == 200) {
            payments.add(new Paid(invoiceId, invoice.getString("studentId"), new BigDecimal(invoice.getString("amount.value")),
                    TraceResponseHeader.parse(webhook.header(TraceResponseHeader.NAME)).traceId()));
            webhookAnswers.add(answeredIn);
        } else {
            System.out.printf("[reliability] %s: webhook for invoice %s not accepted: HTTP %d %s%n", SCENARIO, invoiceId,
                    webhook.statusCode(), webhook.asString());
        }
    }

    /** alice sends over her socket; accepted once chat-service answers with the {@code sent} frame. */
    private void sendOverSocket() {
        String body = "over the socket " + ++messagesSent;
        TraceParent browser = TraceParent.random();
        aliceSocket.sendMessage(roomId, body, browser);
        JsonObject sent = aliceSocket.awaitNext(frame -> "sent".equals(frame.getString("type"))
                && body.equals(frame.getJsonObject("message").getString("body")));
        messages.add(new Message(sent.getJsonObject("message").getString("id"), browser.traceId()));
    }

    /** alice posts over REST; accepted with 201. */
    private void postOverRest() {
        String body = "over REST " + ++messagesSent;
        TraceParent browser = TraceParent.random();
        Response posted = API.asUser(DevTokens.student(alice)).contentType("application/json")
                .header("traceparent", browser.header())
                .body(Map.of("roomId", roomId, "body", body))
                .post("/api/chat/messages");
        if (posted.statusCode() == 201) {
            messages.add(new Message(posted.jsonPath().getString("id"), browser.traceId()));
        } else {
            System.out.printf("[reliability] %s: message not accepted: HTTP %d %s%n", SCENARIO, posted.statusCode(),
                    posted.asString());
        }
    }

    @Test
    void everyWebhookAndMessageIsAcceptedPromptlyWithKafkaDown() {
        assertThat(payments).as("accepted webhooks").hasSize(webhooksSent);
        assertThat(messages).as("accepted messages").hasSize(messagesSent);
        assertThat(webhookAnswers).as("time to answer each webhook").allSatisfy(answer -> assertThat(answer).isLessThan(WEBHOOK_ANSWER_LIMIT));
        System.out.printf("[reliability] %s: accepted %d webhooks (slowest answer %d ms) and %d chat messages%n", SCENARIO,
                payments.size(), webhookAnswers.stream().mapToLong(Duration::toMillis).max().orElse(0),
                messages.size());
    }

    @Test
    void invoicePaidReachesEveryConsumerExactlyOnce() {
        EFFECTS.awaitAndReconcile(SCENARIO, payments, before, EFFECT_TIMEOUT);
    }

    @Test
    void chatMessagesReachTheTopicReportServiceAndTheOtherMemberExactlyOnce() {
        List<String> ids = messages.stream().map(Message::id).toList();
        awaitOutboxSent(CHAT, List.of(roomId));
        String recorded = "select message_id::text from chat_messages where message_id::text = any(?)";
        await("report-service to record every message").atMost(EFFECT_TIMEOUT).pollInterval(POLL)
                .until(() -> Reliability.rowsBy(STACK, REPORT, recorded, ids).size() == ids.size());
        STACK.awaitConsumersCaughtUp();

        Map<String, Long> records = Reliability.recordsBy(STACK, MESSAGE_SENT,
                record -> new JsonPath(record.value()).getString("data.messageId"));
        Reliability.perKey(SCENARIO, MESSAGE_SENT + " records", ids, id -> records.getOrDefault(id, 0L)).report();
        Map<String, Long> rows = Reliability.rowsBy(STACK, REPORT, recorded, ids);
        Reliability.perKey(SCENARIO, MESSAGE_SENT + " -> report-service chat activity", ids, id -> rows.getOrDefault(id, 0L))
                .report();
        // live delivery goes through Redis, not Kafka: bob got each message once, in the order it was sent
        await("bob's frames").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .until(() -> bobSocket.frames("message").size() >= ids.size());
        List<String> delivered = bobSocket.frames("message").stream()
                .map(frame -> frame.getJsonObject("message").getString("id")).toList();
        Map<String, Long> deliveries = delivered.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        Reliability.perKey(SCENARIO, "chat messages -> bob's socket", ids, id -> deliveries.getOrDefault(id, 0L)).report();
        assertThat(delivered).as("bob's messages in order").containsExactlyElementsOf(ids);
    }

    @Test
    void everyConsumerSpanIsInItsProducersTrace() {
        payments.forEach(payment -> EFFECTS.awaitConsumersInTrace(payment, EFFECT_TIMEOUT));
        for (Message message : messages) {
            STACK.traces().awaitTraceSatisfying(message.traceId(), trace -> Reliability.assertConsumersUnderProducer(trace,
                    MESSAGE_SENT, CHAT, List.of(REPORT)), EFFECT_TIMEOUT);
        }
    }

    /** Until a service's outbox has sent every row of these keys: after that, no further record of them can come. */
    private static void awaitOutboxSent(String service, List<String> keys) {
        Instant start = Instant.now();
        await(service + "'s outbox rows sent").atMost(EFFECT_TIMEOUT).pollInterval(POLL)
                .until(() -> Reliability.unsentOutboxRows(STACK, service, keys) == 0);
        System.out.printf("[reliability] %s: %s's outbox empty %d ms into the check%n", SCENARIO, service,
                Reliability.millisSince(start));
    }
}
