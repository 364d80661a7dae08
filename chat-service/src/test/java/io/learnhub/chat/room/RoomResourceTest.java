package io.learnhub.chat.room;

import static io.learnhub.chat.support.TestRequests.as;
import static io.learnhub.chat.support.TestRequests.asAdmin;
import static io.learnhub.chat.support.TestRequests.createCourseRoom;
import static io.learnhub.chat.support.TestRequests.createRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.chat.support.TestRequests;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RoomResourceTest {

    @Inject
    InMemorySpanExporter spanExporter;

    @Inject
    ObjectMapper objectMapper;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void createRoomTracesOneSpanTreeWithCorrelationIdOnEverySpan() {
        TraceParent trace = TraceParent.random();
        String correlationId = TestRequests.newCorrelationId();

        String roomId = as("1001", trace, correlationId)
                .body(Map.of("name", "Study group", "type", "GROUP", "memberIds", List.of("2001", "2002")))
                .when().post("/api/chat/rooms")
                .then().statusCode(201)
                .header("X-Correlation-ID", correlationId)
                .extract().path("id");

        TraceTree spans = ExportedSpans.awaitTrace(spanExporter, trace.traceId(),
                ChatSpans.CREATE_CHAT_ROOM, ChatSpans.ADD_MEMBERS);
        SpanData server = spans.ofKind(SpanKind.SERVER);
        SpanData createRoom = spans.named(ChatSpans.CREATE_CHAT_ROOM);
        SpanData addMembers = spans.named(ChatSpans.ADD_MEMBERS);

        assertThat(server.getParentSpanId()).isEqualTo(trace.spanId());
        assertThat(createRoom.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(addMembers.getParentSpanId()).isEqualTo(createRoom.getSpanId());

        assertThat(createRoom.getAttributes().get(SharedSpans.ROOM_ID)).isEqualTo(roomId);
        assertThat(createRoom.getAttributes().get(ChatSpans.ROOM_TYPE)).isEqualTo("GROUP");
        assertThat(createRoom.getAttributes().get(SharedSpans.USER_ID)).isEqualTo("1001");
        assertThat(createRoom.getAttributes().get(ChatSpans.MEMBERS_COUNT)).isEqualTo(3L);
        assertThat(createRoom.getEvents()).extracting(EventData::getName).containsExactly(
                ChatSpans.EVENT_CREATING_ROOM, ChatSpans.EVENT_ROOM_CREATED, ChatSpans.EVENT_QUEUEING_NOTIFICATIONS);
        assertThat(addMembers.getAttributes().get(SharedSpans.ROOM_ID)).isEqualTo(roomId);
        assertThat(addMembers.getAttributes().get(ChatSpans.MEMBERS_COUNT)).isEqualTo(3L);

        // the database work is traced inside the business spans
        assertThat(spans.spans()).anySatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getParentSpanId()).isIn(createRoom.getSpanId(), addMembers.getSpanId());
        });
        assertThat(spans.spans()).allSatisfy(span -> assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID))
                .as("correlation_id of span %s", span.getName()).isEqualTo(correlationId));
    }

    @Test
    void roomCreatedEventIsPublishedInTheRequestsTrace() throws Exception {
        TraceParent trace = TraceParent.random();
        String correlationId = TestRequests.newCorrelationId();
        UUID courseId = UUID.randomUUID();

        String roomId = as("1001", trace, correlationId)
                .body(Map.of("name", "Course study group", "type", "GROUP", "courseId", courseId, "memberIds", List.of("1002")))
                .when().post("/api/chat/rooms")
                .then().statusCode(201)
                .extract().path("id");

        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.ROOM_CREATED, r -> roomId.equals(r.key()));
        JsonNode event = objectMapper.readTree(record.value());
        assertThat(event.get("eventId").asText()).isNotBlank();
        assertThat(event.get("type").asText()).isEqualTo(Topics.ROOM_CREATED);
        assertThat(event.get("occurredAt").asText()).isNotBlank();
        assertThat(event.get("correlationId").asText()).isEqualTo(correlationId);
        JsonNode data = event.get("data");
        assertThat(data.get("roomId").asText()).isEqualTo(roomId);
        assertThat(data.get("type").asText()).isEqualTo("GROUP");
        assertThat(data.get("courseId").asText()).isEqualTo(courseId.toString());
        assertThat(data.get("createdBy").asText()).isEqualTo("1001");
        assertThat(data.get("memberIds")).extracting(JsonNode::asText).containsExactly("1001", "1002");
        assertThat(TestKafka.header(record, "X-Correlation-ID")).isEqualTo(correlationId);
        assertThat(TestKafka.header(record, "traceparent")).contains(trace.traceId());
        // written to the outbox with the room, published after the commit under publish_event
        TraceTree spans = ExportedSpans.awaitTrace(spanExporter, trace.traceId(),
                tree -> tree.find(ChatSpans.PUBLISH_EVENT).isPresent()
                        && !tree.messaging("chat-service", SpanKind.PRODUCER, Topics.ROOM_CREATED).isEmpty());
        SpanData publish = spans.named(ChatSpans.PUBLISH_EVENT);
        assertThat(publish.getParentSpanId()).isEqualTo(spans.named(ChatSpans.CREATE_CHAT_ROOM).getSpanId());
        assertThat(publish.getAttributes().get(SharedSpans.MESSAGING_DESTINATION)).isEqualTo(Topics.ROOM_CREATED);
        assertThat(publish.getAttributes().get(SharedSpans.MESSAGING_MESSAGE_ID)).isEqualTo(event.get("eventId").asText());
        assertThat(spans.messaging("chat-service", SpanKind.PRODUCER, Topics.ROOM_CREATED))
                .singleElement().satisfies(producer -> assertThat(producer.getParentSpanId()).isEqualTo(publish.getSpanId()));
    }

    @Test
    void invalidRoomIsRejectedWithValidationErrorBody() {
        as("1001", TraceParent.random(), "test-invalid-room")
                .body(Map.of("name", "", "memberIds", List.of()))
                .when().post("/api/chat/rooms")
                .then().statusCode(400)
                .body("error", equalTo("validation_failed"))
                .body("message", containsString("name"))
                .body("message", containsString("type"))
                .body("correlationId", equalTo("test-invalid-room"))
                .body("traceId", notNullValue());
    }

    @Test
    void courseRoomWithoutCourseIdIsRejected() {
        asAdmin("9001").body(Map.of("name", "Course room", "type", "COURSE"))
                .when().post("/api/chat/rooms")
                .then().statusCode(400)
                .body("error", equalTo("validation_failed"))
                .body("message", containsString("courseId"));
    }

    @Test
    void directRoomNeedsExactlyOneOtherMember() {
        as("1001").body(Map.of("name", "Direct", "type", "DIRECT", "memberIds", List.of("2001", "2002")))
                .when().post("/api/chat/rooms")
                .then().statusCode(400)
                .body("error", equalTo("validation_failed"))
                .body("message", containsString("memberIds"));
    }

    @Test
    void tooManyMembersAreRejected() {
        List<String> memberIds = IntStream.rangeClosed(1, RoomService.MAX_MEMBERS + 1)
                .mapToObj(Integer::toString).toList();
        as("1001").body(Map.of("name", "Crowd", "type", "GROUP", "memberIds", memberIds))
                .when().post("/api/chat/rooms")
                .then().statusCode(400)
                .body("error", equalTo("validation_failed"))
                .body("message", containsString("memberIds"));
    }

    @Test
    void onlyAnAdminMayCreateACourseRoom() {
        UUID courseId = UUID.randomUUID();
        Map<String, Object> courseRoom = Map.of("name", "Mine now", "type", "COURSE", "courseId", courseId);

        for (String token : List.of(DevTokens.student("1101"), DevTokens.teacher("1102"))) {
            RestAssured.given().auth().oauth2(token).contentType("application/json").body(courseRoom)
                    .when().post("/api/chat/rooms")
                    .then().statusCode(403)
                    .body("error", equalTo("forbidden"))
                    .body("correlationId", notNullValue());
        }
        for (String refused : List.of("1101", "1102")) {
            as(refused).queryParam("courseId", courseId.toString()).when().get("/api/chat/rooms")
                    .then().statusCode(200).body("$", hasSize(0));
        }

        asAdmin("9001").body(courseRoom)
                .when().post("/api/chat/rooms")
                .then().statusCode(201)
                .body("type", equalTo("COURSE"))
                .body("courseId", equalTo(courseId.toString()))
                .body("memberIds", containsInAnyOrder("9001"));
    }

    @Test
    void secondCourseRoomForTheSameCourseIsAConflict() {
        UUID courseId = UUID.randomUUID();
        createCourseRoom("9001", courseId, List.of());

        asAdmin("9002").body(Map.of("name", "Another", "type", "COURSE", "courseId", courseId))
                .when().post("/api/chat/rooms")
                .then().statusCode(409)
                .body("error", equalTo("room_exists"));
    }

    @Test
    void creatorIsAlwaysAMember() {
        as("1001").body(Map.of("name", "Direct", "type", "DIRECT", "memberIds", List.of("2001")))
                .when().post("/api/chat/rooms")
                .then().statusCode(201)
                .body("type", equalTo("DIRECT"))
                .body("memberIds", containsInAnyOrder("1001", "2001"));
    }

    @Test
    void roomsAreListedForTheirMembersOnly() {
        UUID courseId = UUID.randomUUID();
        UUID courseRoom = createCourseRoom("9001", courseId, List.of("3101", "3102"));
        UUID groupRoom = createRoom("3101", "GROUP", courseId, List.of());

        as("3102").queryParam("courseId", courseId.toString())
                .when().get("/api/chat/rooms")
                .then().statusCode(200)
                .body("id", containsInAnyOrder(courseRoom.toString()))
                .body("[0].memberIds", containsInAnyOrder("3101", "3102", "9001"));
        as("3101").queryParam("courseId", courseId.toString())
                .when().get("/api/chat/rooms")
                .then().statusCode(200)
                .body("id", containsInAnyOrder(courseRoom.toString(), groupRoom.toString()));
    }

    @Test
    void requestsWithoutTokenAreUnauthorized() {
        RestAssured.given().contentType("application/json")
                .body(Map.of("name", "x", "type", "GROUP"))
                .when().post("/api/chat/rooms")
                .then().statusCode(401)
                .body("error", equalTo("unauthorized"));
    }
}
