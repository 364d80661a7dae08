package io.learnhub.chat.message;

import static io.learnhub.chat.support.TestRequests.as;
import static io.learnhub.chat.support.TestRequests.createRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.chat.support.TestRequests;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MessageResourceTest {

    @Inject
    InMemorySpanExporter spanExporter;

    @Test
    void memberSendsMessage() {
        UUID roomId = createRoom("4001", "GROUP", null, List.of("4002"));
        TraceParent trace = TraceParent.random();
        String correlationId = TestRequests.newCorrelationId();

        String messageId = as("4002", trace, correlationId)
                .body(Map.of("roomId", roomId, "body", "Hello, room"))
                .when().post("/api/chat/messages")
                .then().statusCode(201)
                .body("roomId", equalTo(roomId.toString()))
                .body("senderId", equalTo("4002"))
                .body("kind", equalTo("USER"))
                .body("body", equalTo("Hello, room"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        as("4001").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("id", contains(messageId));

        TraceTree spans = ExportedSpans.awaitTrace(spanExporter, trace.traceId(),
                ChatSpans.SEND_MESSAGE, ChatSpans.READ_MEMBERSHIP_CACHE);
        SpanData sendMessage = spans.named(ChatSpans.SEND_MESSAGE);
        assertThat(sendMessage.getParentSpanId()).isEqualTo(spans.ofKind(SpanKind.SERVER).getSpanId());
        assertThat(sendMessage.getAttributes().get(SharedSpans.ROOM_ID)).isEqualTo(roomId.toString());
        assertThat(sendMessage.getAttributes().get(SharedSpans.MESSAGE_ID)).isEqualTo(messageId);
        assertThat(sendMessage.getAttributes().get(ChatSpans.MESSAGE_LENGTH)).isEqualTo(11L);
        assertThat(sendMessage.getAttributes().get(SharedSpans.USER_ID)).isEqualTo("4002");
        assertThat(spans.named(ChatSpans.READ_MEMBERSHIP_CACHE).getParentSpanId()).isEqualTo(sendMessage.getSpanId());
        assertThat(spans.spans()).allSatisfy(span -> assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID))
                .as("correlation_id of span %s", span.getName()).isEqualTo(correlationId));
    }

    @Test
    void nonMemberCannotSendMessage() {
        UUID roomId = createRoom("4101", "GROUP", null, List.of());

        as("4102", TraceParent.random(), "test-not-member")
                .body(Map.of("roomId", roomId, "body", "Let me in"))
                .when().post("/api/chat/messages")
                .then().statusCode(403)
                .body("error", equalTo("not_member"))
                .body("correlationId", equalTo("test-not-member"))
                .body("traceId", notNullValue());

        as("4101").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void nonMemberCannotReadMessages() {
        UUID roomId = createRoom("4151", "GROUP", null, List.of());

        as("4152").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(403)
                .body("error", equalTo("not_member"));
    }

    @Test
    void messagesOfUnknownRoomAreNotFound() {
        as("4201").when().get("/api/chat/rooms/{id}/messages", UUID.randomUUID())
                .then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void emptyOrOversizedBodyIsRejected() {
        UUID roomId = createRoom("4251", "GROUP", null, List.of());

        as("4251").body(Map.of("roomId", roomId, "body", ""))
                .when().post("/api/chat/messages")
                .then().statusCode(400)
                .body("error", equalTo("validation_failed"));
        as("4251").body(Map.of("roomId", roomId, "body", "x".repeat(MessageService.MAX_BODY_LENGTH + 1)))
                .when().post("/api/chat/messages")
                .then().statusCode(400)
                .body("error", equalTo("validation_failed"));
    }

    @Test
    void messagesAreListedOldestFirst() {
        UUID roomId = createRoom("4301", "GROUP", null, List.of());
        for (String body : List.of("first", "second", "third")) {
            as("4301").body(Map.of("roomId", roomId, "body", body))
                    .when().post("/api/chat/messages")
                    .then().statusCode(201);
        }

        as("4301").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("body", contains("first", "second", "third"));
    }

    @Test
    void historyIsPagedBackwardsFromAMessage() {
        UUID roomId = createRoom("4501", "GROUP", null, List.of());
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(as("4501").body(Map.of("roomId", roomId, "body", "message " + i))
                    .when().post("/api/chat/messages")
                    .then().statusCode(201).extract().path("id"));
        }

        as("4501").queryParam("limit", 2).when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200).body("id", contains(ids.get(3), ids.get(4)));
        as("4501").queryParam("limit", 2).queryParam("before", ids.get(3)).when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200).body("id", contains(ids.get(1), ids.get(2)));
        as("4501").queryParam("limit", 2).queryParam("before", ids.get(1)).when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200).body("id", contains(ids.get(0)));
        as("4501").queryParam("before", ids.get(0)).when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void historyPageOutOfBoundsOrFromAnotherRoomIsRefused() {
        UUID roomId = createRoom("4601", "GROUP", null, List.of());
        UUID otherRoomId = createRoom("4601", "GROUP", null, List.of());
        String otherMessage = as("4601").body(Map.of("roomId", otherRoomId, "body", "elsewhere"))
                .when().post("/api/chat/messages").then().statusCode(201).extract().path("id");

        as("4601").queryParam("limit", 101).when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(400).body("error", equalTo("validation_failed"));
        as("4601").queryParam("limit", 0).when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(400).body("error", equalTo("validation_failed"));
        as("4601").queryParam("before", otherMessage).when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(404).body("error", equalTo("not_found"));
        as("4601").queryParam("before", UUID.randomUUID()).when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(404).body("error", equalTo("not_found"));
        as("4601").queryParam("before", "not-a-uuid").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(404);
    }

    @Test
    void membershipCacheHitsOnSecondCheck() {
        UUID roomId = createRoom("4401", "GROUP", null, List.of());
        TraceParent first = TraceParent.random();
        TraceParent second = TraceParent.random();

        as("4401", first, "test-cache-1").when().get("/api/chat/rooms/{id}/messages", roomId).then().statusCode(200);
        as("4401", second, "test-cache-2").when().get("/api/chat/rooms/{id}/messages", roomId).then().statusCode(200);

        SpanData firstRead = ExportedSpans.awaitTrace(spanExporter, first.traceId(), ChatSpans.READ_MEMBERSHIP_CACHE)
                .named(ChatSpans.READ_MEMBERSHIP_CACHE);
        SpanData secondRead = ExportedSpans.awaitTrace(spanExporter, second.traceId(), ChatSpans.READ_MEMBERSHIP_CACHE)
                .named(ChatSpans.READ_MEMBERSHIP_CACHE);
        assertThat(firstRead.getAttributes().get(SharedSpans.CACHE_HIT)).isFalse();
        assertThat(firstRead.getAttributes().get(SharedSpans.ROOM_ID)).isEqualTo(roomId.toString());
        assertThat(secondRead.getAttributes().get(SharedSpans.CACHE_HIT)).isTrue();
    }
}
