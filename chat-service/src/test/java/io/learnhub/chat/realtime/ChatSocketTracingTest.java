package io.learnhub.chat.realtime;

import static io.learnhub.chat.support.TestRequests.as;
import static io.learnhub.chat.support.TestRequests.createRoom;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.learnhub.chat.support.TestRequests;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.testing.ChatSocketClient;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** One message's trace across the socket: the sender's frame, the fan-out, every delivery, the event. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChatSocketTracingTest {

    /** This test's users: the label with a suffix of this test instance (see TestRequests.uniqueUser). */
    private final java.util.Map<String, String> users = new java.util.HashMap<>();

    @TestHTTPResource("/ws/chat")
    URI socketUrl;

    @Inject
    InMemorySpanExporter spanExporter;

    @Inject
    ChatConnections connections;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void messageSentOverTheSocketIsOneTraceFromTheSendersSpanToEveryDelivery() {
        UUID roomId = createRoom(u("6001"), "GROUP", null, List.of(u("6002"), u("6003")));
        TraceParent browser = TraceParent.random();
        String messageId;
        String sentTraceparent;
        List<String> deliveredTraceparents;
        try (ChatSocketClient alice = connect(u("6001")); ChatSocketClient bob = connect(u("6002"))) {
            Awaitility.await().until(() -> !connections.ofUser(u("6001")).isEmpty() && !connections.ofUser(u("6002")).isEmpty());

            bob.sendMessage(roomId, "traced hello", browser);
            JsonObject sent = bob.awaitNext("sent");
            messageId = sent.getJsonObject("message").getString("id");
            sentTraceparent = sent.getString("traceparent");
            deliveredTraceparents = List.of(alice.awaitNext("message").getString("traceparent"),
                    bob.awaitNext("message").getString("traceparent"));
        }

        TraceTree spans = ExportedSpans.awaitTrace(spanExporter, browser.traceId(),
                tree -> tree.allNamed(ChatSpans.DELIVER_MESSAGE).size() == 2 && tree.find(ChatSpans.QUEUE_OFFLINE_DELIVERY).isPresent()
                        // the producer span ends, and is exported, before its parent publish_event
                        && tree.find(ChatSpans.PUBLISH_EVENT).isPresent()
                        && !tree.messaging("chat-service", SpanKind.PRODUCER, Topics.MESSAGE_SENT).isEmpty());
        SpanData receive = spans.named(ChatSpans.RECEIVE_FRAME);
        assertThat(receive.getParentSpanId()).as("the sender's browser span is the parent").isEqualTo(browser.spanId());
        assertThat(receive.getAttributes().get(ChatSpans.FRAME_TYPE)).isEqualTo("send");
        assertThat(sentTraceparent).isEqualTo("00-" + browser.traceId() + "-" + receive.getSpanId() + "-01");

        SpanData send = spans.named(ChatSpans.SEND_MESSAGE);
        assertThat(send.getParentSpanId()).isEqualTo(receive.getSpanId());
        assertThat(send.getAttributes().get(SharedSpans.MESSAGE_ID)).isEqualTo(messageId);
        assertThat(spans.allNamed("zcount")).as("the members' presence is read by one script, not a command each").isEmpty();
        // one EVALSHA; an EVAL follows only when Redis did not know the script yet
        assertThat(spans.allNamed("evalsha")).hasSize(1);
        assertThat(spans.allNamed("eval")).hasSizeLessThanOrEqualTo(1);
        SpanData broadcast = spans.named(ChatSpans.BROADCAST_MESSAGE);
        assertThat(broadcast.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(broadcast.getAttributes().get(ChatSpans.RECIPIENTS)).isEqualTo(2L);

        List<SpanData> deliveries = spans.allNamed(ChatSpans.DELIVER_MESSAGE);
        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(delivery.getParentSpanId()).isEqualTo(broadcast.getSpanId());
            assertThat(delivery.getAttributes().get(ChatSpans.DELIVERY)).isEqualTo("online");
            assertThat(delivery.getAttributes().get(SharedSpans.MESSAGE_ID)).isEqualTo(messageId);
            assertThat(delivery.getAttributes().get(SharedSpans.ROOM_ID)).isEqualTo(roomId.toString());
        });
        assertThat(deliveries).extracting(delivery -> delivery.getAttributes().get(SharedSpans.USER_ID))
                .containsExactlyInAnyOrder(u("6001"), u("6002"));
        assertThat(deliveredTraceparents).as("each frame carries its own delivery span")
                .containsExactlyInAnyOrderElementsOf(deliveries.stream()
                        .map(delivery -> "00-" + browser.traceId() + "-" + delivery.getSpanId() + "-01").toList());

        SpanData queued = spans.named(ChatSpans.QUEUE_OFFLINE_DELIVERY);
        assertThat(queued.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(queued.getAttributes().get(ChatSpans.RECIPIENTS)).isEqualTo(1L);

        SpanData publish = spans.named(ChatSpans.PUBLISH_EVENT);
        assertThat(publish.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(spans.messaging("chat-service", SpanKind.PRODUCER, Topics.MESSAGE_SENT))
                .singleElement().satisfies(producer -> assertThat(producer.getParentSpanId()).isEqualTo(publish.getSpanId()));

        // the offline member connects later: the queued delivery joins the same trace
        try (ChatSocketClient carol = connect(u("6003"))) {
            String carolsTraceparent = carol.awaitNext("message").getString("traceparent");
            TraceTree later = ExportedSpans.awaitTrace(spanExporter, browser.traceId(),
                    tree -> tree.allNamed(ChatSpans.DELIVER_MESSAGE).size() == 3);
            SpanData queuedDelivery = later.allNamed(ChatSpans.DELIVER_MESSAGE).stream()
                    .filter(span -> "queued".equals(span.getAttributes().get(ChatSpans.DELIVERY))).findFirst().orElseThrow();
            assertThat(queuedDelivery.getParentSpanId()).isEqualTo(queued.getSpanId());
            assertThat(queuedDelivery.getAttributes().get(SharedSpans.USER_ID)).isEqualTo(u("6003"));
            assertThat(carolsTraceparent).isEqualTo("00-" + browser.traceId() + "-" + queuedDelivery.getSpanId() + "-01");
            String correlationId = receive.getAttributes().get(SharedSpans.CORRELATION_ID);
            assertThat(correlationId).isNotBlank();
            assertThat(later.spans()).allSatisfy(span -> assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID))
                    .as("correlation_id of %s", span.getName()).isEqualTo(correlationId));
        }
        assertThat(spans.spans()).noneSatisfy(span -> assertThat(span.getAttributes().asMap().values().toString())
                .contains("traced hello"));
    }

    @Test
    void sendFrameCarriesItsCorrelationIdIntoEverySpanOfItsTrace() {
        UUID roomId = createRoom(u("6051"), "GROUP", null, List.of());
        TraceParent relay = TraceParent.random();
        TraceParent unacceptable = TraceParent.random();
        try (ChatSocketClient sender = connect(u("6051"))) {
            Awaitility.await().until(() -> !connections.ofUser(u("6051")).isEmpty());

            sender.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"body\":\"hi\",\"traceparent\":\""
                    + relay.header() + "\",\"correlationId\":\"click-6051\"}");
            sender.awaitNext("sent");
            sender.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"body\":\"hi\",\"traceparent\":\""
                    + unacceptable.header() + "\",\"correlationId\":\"not acceptable\"}");
            sender.awaitNext(frame -> "sent".equals(frame.getString("type"))
                    && frame.getString("traceparent").contains(unacceptable.traceId()));
        }

        TraceTree given = ExportedSpans.awaitTrace(spanExporter, relay.traceId(), ChatSpans.RECEIVE_FRAME, ChatSpans.SEND_MESSAGE,
                ChatSpans.BROADCAST_MESSAGE);
        assertThat(given.spans()).allSatisfy(span -> assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID))
                .as("correlation_id of %s", span.getName()).isEqualTo("click-6051"));
        TraceTree minted = ExportedSpans.awaitTrace(spanExporter, unacceptable.traceId(), ChatSpans.RECEIVE_FRAME);
        assertThat(minted.named(ChatSpans.RECEIVE_FRAME).getAttributes().get(SharedSpans.CORRELATION_ID))
                .isNotBlank().isNotEqualTo("not acceptable");
    }

    @Test
    void openingASocketIsTracedInItsUpgradesTraceAndHousekeepingLeavesNoTraces() {
        TraceParent bridge = TraceParent.random();
        String correlationId = TestRequests.newCorrelationId();
        try (ChatSocketClient client = ChatSocketClient.connect(URI.create(socketUrl.toString().replaceFirst("^http", "ws")),
                DevTokens.student(u("6401")), Map.of("traceparent", bridge.header(), "X-Correlation-ID", correlationId))) {
            TraceTree upgrade = ExportedSpans.awaitTrace(spanExporter, bridge.traceId(), ChatSpans.OPEN_CONNECTION);
            SpanData open = upgrade.named(ChatSpans.OPEN_CONNECTION);
            assertThat(open.getParentSpanId()).isEqualTo(bridge.spanId());
            assertThat(open.getAttributes().get(SharedSpans.USER_ID)).isEqualTo(u("6401"));
            assertThat(upgrade.spans()).allSatisfy(span -> assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID))
                    .as("correlation_id of %s", span.getName()).isEqualTo(correlationId));
            assertThat(upgrade.children(open)).as("presence and the queued frames are read under it").isNotEmpty();

            // pings, the presence refresh and the outbox relay's polling must not litter the
            // backend with root traces (the relay polls every 2 s, longer than this watch)
            java.util.Set<String> before = rootSpanIds();
            for (int i = 0; i < 3; i++) {
                client.send("{\"type\":\"ping\"}");
                client.awaitNext("pong");
            }
            Awaitility.await().during(java.time.Duration.ofMillis(2500)).atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> before.containsAll(rootSpanIds()));
        }
    }

    /** Spans that start a trace of their own. */
    private java.util.Set<String> rootSpanIds() {
        return spanExporter.getFinishedSpanItems().stream()
                .filter(span -> !span.getParentSpanContext().isValid())
                .map(SpanData::getSpanId)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void messageSentEventIsPublishedAfterTheMessageIsStored() throws Exception {
        UUID roomId = createRoom(u("6101"), "GROUP", null, List.of());
        TraceParent trace = TraceParent.random();
        String correlationId = TestRequests.newCorrelationId();
        String messageId = as(u("6101"), trace, correlationId).body(Map.of("roomId", roomId, "body", "for the report"))
                .when().post("/api/chat/messages")
                .then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> record = kafka.awaitOnlyRecord(Topics.MESSAGE_SENT, roomId.toString());
        JsonObject event = jakarta.json.Json.createReader(new java.io.StringReader(record.value())).readObject();
        assertThat(event.getString("type")).isEqualTo(Topics.MESSAGE_SENT);
        assertThat(event.getString("correlationId")).isEqualTo(correlationId);
        JsonObject data = event.getJsonObject("data");
        assertThat(data.getString("messageId")).isEqualTo(messageId);
        assertThat(data.getString("roomId")).isEqualTo(roomId.toString());
        assertThat(data.getString("senderId")).isEqualTo(u("6101"));
        assertThat(data.getString("kind")).isEqualTo("USER");
        assertThat(data.getInt("length")).isEqualTo("for the report".length());
        assertThat(record.value()).as("no message body in the event").doesNotContain("for the report");
        assertThat(TestKafka.header(record, "traceparent")).contains(trace.traceId());
    }

    @Test
    void newRoomIsNotifiedLiveToOnlineMembersAndQueuedForTheOthersInTheCreatorsTrace() {
        try (ChatSocketClient dana = connect(u("6202"))) {
            Awaitility.await().until(() -> !connections.ofUser(u("6202")).isEmpty());
            TraceParent trace = TraceParent.random();
            String roomId = as(u("6201"), trace, TestRequests.newCorrelationId())
                    .body(Map.of("name", "Study group", "type", "GROUP", "memberIds", List.of(u("6202"), u("6203"))))
                    .when().post("/api/chat/rooms")
                    .then().statusCode(201).extract().path("id");

            JsonObject notification = dana.awaitNext("notification");
            assertThat(notification.getString("event")).isEqualTo("room_created");
            assertThat(notification.getString("roomId")).isEqualTo(roomId);
            assertThat(notification.getString("roomType")).isEqualTo("GROUP");
            assertThat(notification.getString("traceparent")).contains(trace.traceId());

            TraceTree spans = ExportedSpans.awaitTrace(spanExporter, trace.traceId(),
                    tree -> tree.find(ChatSpans.DELIVER_NOTIFICATION).isPresent() && tree.find(ChatSpans.QUEUE_OFFLINE_DELIVERY).isPresent());
            SpanData consumer = spans.messaging("chat-service", SpanKind.CONSUMER, Topics.ROOM_CREATED).get(0);
            SpanData notify = spans.named(ChatSpans.SEND_NOTIFICATION);
            assertThat(notify.getParentSpanId()).isEqualTo(consumer.getSpanId());
            assertThat(notify.getAttributes().get(SharedSpans.ROOM_ID)).isEqualTo(roomId);
            assertThat(notify.getAttributes().get(ChatSpans.RECIPIENTS)).isEqualTo(3L);
            assertThat(spans.named(ChatSpans.DELIVER_NOTIFICATION).getParentSpanId()).isEqualTo(notify.getSpanId());
            assertThat(spans.named(ChatSpans.QUEUE_OFFLINE_DELIVERY).getParentSpanId()).isEqualTo(notify.getSpanId());
        }
        try (ChatSocketClient erin = connect(u("6203"))) {
            assertThat(erin.awaitNext("notification").getString("event")).isEqualTo("room_created");
        }
    }

    @Test
    void studentJoiningACourseIsAnnouncedLiveInThePaymentsTrace() {
        UUID courseId = UUID.randomUUID();
        io.learnhub.chat.support.TestRequests.createCourseRoom(u("6399"), courseId, List.of(u("6301")));
        try (ChatSocketClient teacher = connect(u("6301"))) {
            Awaitility.await().until(() -> !connections.ofUser(u("6301")).isEmpty());
            TraceParent payment = TraceParent.random();
            io.learnhub.testing.InvoicePaidRecord paid = io.learnhub.testing.InvoicePaidRecord.random()
                    .withCourse(courseId, u("6301")).withStudent(u("6302"));
            kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json(), Map.of("traceparent", payment.header()));

            JsonObject frame = teacher.awaitNext("message");
            assertThat(frame.getJsonObject("message").getString("kind")).isEqualTo("SYSTEM");
            assertThat(frame.getString("traceparent")).contains(payment.traceId());
            TraceTree spans = ExportedSpans.awaitTrace(spanExporter, payment.traceId(),
                    tree -> tree.find(ChatSpans.DELIVER_MESSAGE).isPresent() && tree.find(ChatSpans.BROADCAST_MESSAGE).isPresent()
                            && !tree.messaging("chat-service", SpanKind.PRODUCER, Topics.MESSAGE_SENT).isEmpty());
            assertThat(spans.descendsFrom(spans.named(ChatSpans.DELIVER_MESSAGE),
                    spans.messaging("chat-service", SpanKind.CONSUMER, Topics.INVOICE_PAID).get(0))).as(spans.describe()).isTrue();
        }
    }

    private ChatSocketClient connect(String userId) {
        return ChatSocketClient.connect(URI.create(socketUrl.toString().replaceFirst("^http", "ws")), DevTokens.student(userId));
    }

    private String u(String label) {
        return users.computeIfAbsent(label, TestRequests::uniqueUser);
    }
}
