package io.learnhub.chat.enrollment;

import static io.learnhub.chat.support.TestRequests.as;
import static io.learnhub.chat.support.TestRequests.createCourseRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InvoicePaidConsumerTest {

    private static final String GROUP = "chat-service";
    private static final String DLQ = Topics.deadLetter(Topics.INVOICE_PAID);

    @Inject
    InMemorySpanExporter spanExporter;

    @Inject
    ObjectMapper objectMapper;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void firstPaidInvoiceOfACourseCreatesItsRoomForTheTeacher() throws Exception {
        UUID courseId = UUID.randomUUID();
        InvoicePaidRecord paid = InvoicePaidRecord.random().withCourse(courseId, "5401").withStudent("5402");

        awaitProcessed(kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json()));

        String roomId = as("5402").queryParam("courseId", courseId.toString()).when().get("/api/chat/rooms")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].type", equalTo("COURSE"))
                .body("[0].name", equalTo(paid.courseTitle()))
                .body("[0].memberIds", contains("5401", "5402"))
                .extract().path("[0].id");
        RestAssured.given().auth().oauth2(DevTokens.teacher("5401")).when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("kind", contains("SYSTEM"));
        ConsumerRecord<String, String> created = kafka.awaitRecord(Topics.ROOM_CREATED, record -> roomId.equals(record.key()));
        JsonNode data = objectMapper.readTree(created.value()).get("data");
        assertThat(data.get("createdBy").asText()).isEqualTo("5401");
        assertThat(data.get("courseId").asText()).isEqualTo(courseId.toString());
        assertThat(data.get("memberIds")).extracting(JsonNode::asText).containsExactly("5401");
    }

    /** The takeover a signed-in user could once do: create the course's room first and collect its paying students. */
    @Test
    void aSquatterCannotTakeOverTheRoomOfACourse() {
        UUID courseId = UUID.randomUUID();
        as("5501").body(Map.of("name", "Definitely the official room", "type", "COURSE", "courseId", courseId))
                .when().post("/api/chat/rooms")
                .then().statusCode(403)
                .body("error", equalTo("forbidden"));

        InvoicePaidRecord paid = InvoicePaidRecord.random().withCourse(courseId, "5502").withStudent("5503");
        awaitProcessed(kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json()));

        as("5503").queryParam("courseId", courseId.toString()).when().get("/api/chat/rooms")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].memberIds", containsInAnyOrder("5502", "5503"));
        as("5501").when().get("/api/chat/rooms").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void teacherJoinsTheCourseRoomAnAdminCreatedWithoutThem() {
        UUID courseId = UUID.randomUUID();
        createCourseRoom("9001", courseId, List.of());
        InvoicePaidRecord paid = InvoicePaidRecord.random().withCourse(courseId, "5701").withStudent("5702");

        awaitProcessed(kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json()));

        as("5702").queryParam("courseId", courseId.toString()).when().get("/api/chat/rooms")
                .then().statusCode(200)
                .body("[0].memberIds", contains("5701", "5702", "9001"));
    }

    @Test
    void invoicePaidAddsStudentWithOneSystemMessageEvenWhenDeliveredTwice() {
        UUID courseId = UUID.randomUUID();
        UUID roomId = createCourseRoom("9001", courseId, List.of("5001"));
        InvoicePaidRecord paid = InvoicePaidRecord.random().withCourse(courseId, "5001").withStudent("5002");

        kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json());
        awaitProcessed(kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json()));

        as("5002").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("kind", contains("SYSTEM"))
                .body("[0].body", equalTo(CourseRoomEnrollment.NEW_STUDENT_MESSAGE))
                .body("[0].senderId", nullValue());
        as("5002").queryParam("courseId", courseId.toString()).when().get("/api/chat/rooms")
                .then().statusCode(200)
                .body("[0].memberIds", contains("5001", "5002", "9001"));
    }

    @Test
    void secondPaidInvoiceOfAMemberIsProcessedWithoutANewMessageOrDeadLettering() {
        UUID courseId = UUID.randomUUID();
        InvoicePaidRecord first = InvoicePaidRecord.random().withCourse(courseId, "5051").withStudent("5052");
        awaitProcessed(kafka.send(Topics.INVOICE_PAID, first.key(), first.json()));
        InvoicePaidRecord second = InvoicePaidRecord.random().withCourse(courseId, "5051").withStudent("5052");

        awaitProcessed(kafka.send(Topics.INVOICE_PAID, second.key(), second.json()));

        assertThat(kafka.records(DLQ)).noneMatch(dead -> second.json().equals(dead.value()));
        String roomId = as("5052").queryParam("courseId", courseId.toString()).when().get("/api/chat/rooms")
                .then().statusCode(200).extract().path("[0].id");
        as("5052").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("kind", contains("SYSTEM"));
    }

    @Test
    void consumerSpanContinuesTheProducersTraceWithItsCorrelationId() {
        UUID courseId = UUID.randomUUID();
        createCourseRoom("9001", courseId, List.of("5101"));
        TraceParent producer = TraceParent.random();
        String correlationId = "test-payment-" + UUID.randomUUID();
        InvoicePaidRecord paid = InvoicePaidRecord.random().withCourse(courseId, "5101").withStudent("5102");

        kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json(), Map.of(
                "traceparent", producer.header(),
                "baggage", "correlation_id=" + correlationId));

        TraceTree spans = ExportedSpans.awaitTrace(spanExporter, producer.traceId(), ChatSpans.ADD_MEMBERS);
        SpanData consumer = spans.ofKind(SpanKind.CONSUMER);
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.spanId());
        assertThat(consumer.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(correlationId);
        SpanData addMembers = spans.named(ChatSpans.ADD_MEMBERS);
        assertThat(addMembers.getParentSpanId()).isEqualTo(consumer.getSpanId());
        assertThat(addMembers.getAttributes().get(ChatSpans.MEMBERS_COUNT)).isEqualTo(1L);
        // the database work of the enrollment belongs to the same trace
        assertThat(spans.spans()).anySatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getParentSpanId()).isEqualTo(consumer.getSpanId());
        });
        assertThat(spans.spans()).allSatisfy(span -> assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID))
                .as("correlation_id of span %s", span.getName()).isEqualTo(correlationId));
    }

    @Test
    void roomCreatedForTheTeacherIsTracedUnderTheConsumerSpan() {
        TraceParent producer = TraceParent.random();
        InvoicePaidRecord paid = InvoicePaidRecord.random().withCourse(UUID.randomUUID(), "5601").withStudent("5602");

        kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json(), Map.of("traceparent", producer.header()));

        TraceTree spans = ExportedSpans.awaitTrace(spanExporter, producer.traceId(),
                trace -> trace.allNamed(ChatSpans.ADD_MEMBERS).size() == 2 && trace.find(ChatSpans.PUBLISH_EVENT).isPresent()
                        && !trace.messaging("chat-service", SpanKind.PRODUCER, Topics.ROOM_CREATED).isEmpty());
        SpanData consumer = spans.messaging("chat-service", SpanKind.CONSUMER, Topics.INVOICE_PAID).get(0);
        SpanData createRoom = spans.named(ChatSpans.CREATE_CHAT_ROOM);
        assertThat(createRoom.getParentSpanId()).isEqualTo(consumer.getSpanId());
        assertThat(createRoom.getAttributes().get(SharedSpans.USER_ID)).isEqualTo("5601");
        assertThat(createRoom.getAttributes().get(ChatSpans.ROOM_TYPE)).isEqualTo("COURSE");
        assertThat(spans.allNamed(ChatSpans.ADD_MEMBERS)).extracting(SpanData::getParentSpanId)
                .containsExactlyInAnyOrder(createRoom.getSpanId(), consumer.getSpanId());
        // chat.room-created.v1 is written to the outbox with the room and published once it is
        // committed, still in the payment's trace
        SpanData publish = spans.matching(span -> span.getName().equals(ChatSpans.PUBLISH_EVENT)
                && Topics.ROOM_CREATED.equals(span.getAttributes().get(SharedSpans.MESSAGING_DESTINATION))).get(0);
        assertThat(publish.getParentSpanId()).isEqualTo(createRoom.getSpanId());
        assertThat(spans.messaging("chat-service", SpanKind.PRODUCER, Topics.ROOM_CREATED))
                .singleElement().satisfies(roomCreated -> assertThat(roomCreated.getParentSpanId()).isEqualTo(publish.getSpanId()));
    }

    @Test
    void envelopeCorrelationIdIsUsedWhenRecordHasNoBaggage() {
        UUID courseId = UUID.randomUUID();
        createCourseRoom("9001", courseId, List.of("5151"));
        TraceParent producer = TraceParent.random();
        InvoicePaidRecord paid = InvoicePaidRecord.random().withCourse(courseId, "5151").withStudent("5152")
                .withCorrelationId("test-envelope-" + UUID.randomUUID());

        kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json(), Map.of("traceparent", producer.header()));

        SpanData addMembers = ExportedSpans.awaitTrace(spanExporter, producer.traceId(), ChatSpans.ADD_MEMBERS)
                .named(ChatSpans.ADD_MEMBERS);
        assertThat(addMembers.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(paid.correlationId());
    }

    @Test
    void eventWithoutTeacherGoesToDeadLetterTopic() {
        InvoicePaidRecord withoutTeacher = InvoicePaidRecord.random().withTeacher(null).withStudent("5202");

        kafka.send(Topics.INVOICE_PAID, withoutTeacher.key(), withoutTeacher.json());

        ConsumerRecord<String, String> dead = kafka.awaitRecord(DLQ, record -> withoutTeacher.json().equals(record.value()));
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("teacherId");
        as("5202").when().get("/api/chat/rooms").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void malformedRecordGoesToDeadLetterTopic() {
        String malformed = "not an event " + UUID.randomUUID();

        kafka.send(Topics.INVOICE_PAID, "invoice-4", malformed);

        assertThat(kafka.awaitRecord(DLQ, record -> malformed.equals(record.value())).key()).isEqualTo("invoice-4");
    }

    @Test
    void studentCanPostInTheCourseRoomRightAfterJoining() {
        UUID courseId = UUID.randomUUID();
        UUID roomId = createCourseRoom("9001", courseId, List.of("5301"));
        // prime the membership cache with the members before the payment
        as("5301").when().get("/api/chat/rooms/{id}/messages", roomId).then().statusCode(200);
        InvoicePaidRecord paid = InvoicePaidRecord.random().withCourse(courseId, "5301").withStudent("5302");

        awaitProcessed(kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json()));

        as("5302").body(Map.of("roomId", roomId, "body", "Hi all"))
                .when().post("/api/chat/messages")
                .then().statusCode(201);
        as("5301").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("senderId", hasItem("5302"));
    }

    private void awaitProcessed(RecordMetadata record) {
        kafka.awaitProcessed(GROUP, record);
    }
}
