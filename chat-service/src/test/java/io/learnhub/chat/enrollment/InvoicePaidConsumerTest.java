package io.learnhub.chat.payment;

import static io.learnhub.chat.support.TestRequests.as;
import static io.learnhub.chat.support.TestRequests.createRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.chat.support.ExportedSpans;
import io.learnhub.chat.support.TestKafka;
import io.learnhub.chat.support.TestRequests.TraceParent;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.event.EventEnvelope;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InvoicePaidConsumerTest {

    private static final String TOPIC = InvoicePaid.TYPE;
    private static final String DLQ = TOPIC + ".dlq";
    private static final String GROUP = "chat-service";

    @Inject
    InMemorySpanExporter spanExporter;

    @Inject
    ObjectMapper objectMapper;

    @Test
    void invoicePaidAddsStudentWithOneSystemMessageEvenWhenDeliveredTwice() throws Exception {
        UUID courseId = UUID.randomUUID();
        UUID roomId = createRoom("5001", "COURSE", courseId, List.of());
        String record = invoicePaid(UUID.randomUUID(), "5002", courseId);

        TestKafka.send(TOPIC, "invoice-1", record, Map.of());
        RecordMetadata redelivery = TestKafka.send(TOPIC, "invoice-1", record, Map.of());
        TestKafka.awaitProcessed(GROUP, redelivery);

        as("5002").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("kind", contains("SYSTEM"))
                .body("[0].body", equalTo(CourseRoomEnrollment.NEW_STUDENT_MESSAGE))
                .body("[0].senderId", nullValue());
        as("5002").queryParam("courseId", courseId.toString()).when().get("/api/chat/rooms")
                .then().statusCode(200)
                .body("[0].memberIds", contains("5001", "5002"));
    }

    @Test
    void secondPaidInvoiceOfAMemberIsProcessedWithoutANewMessageOrDeadLettering() throws Exception {
        UUID courseId = UUID.randomUUID();
        UUID roomId = createRoom("5051", "COURSE", courseId, List.of());
        TestKafka.awaitProcessed(GROUP, TestKafka.send(TOPIC, "invoice-7", invoicePaid(UUID.randomUUID(), "5052", courseId), Map.of()));
        String secondInvoice = invoicePaid(UUID.randomUUID(), "5052", courseId);

        TestKafka.awaitProcessed(GROUP, TestKafka.send(TOPIC, "invoice-8", secondInvoice, Map.of()));

        assertThat(TestKafka.allRecords(DLQ)).noneMatch(dead -> secondInvoice.equals(dead.value()));
        as("5052").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("kind", contains("SYSTEM"));
    }

    @Test
    void consumerSpanContinuesTheProducersTraceWithItsCorrelationId() throws Exception {
        UUID courseId = UUID.randomUUID();
        createRoom("5101", "COURSE", courseId, List.of());
        TraceParent producer = TraceParent.random();
        String correlationId = "test-payment-" + UUID.randomUUID();

        TestKafka.send(TOPIC, "invoice-2", invoicePaid(UUID.randomUUID(), "5102", courseId), Map.of(
                "traceparent", producer.header(),
                "baggage", "correlation_id=" + correlationId));

        ExportedSpans spans = ExportedSpans.awaitTrace(spanExporter, producer.traceId(), ChatSpans.ADD_MEMBERS);
        SpanData consumer = spans.ofKind(SpanKind.CONSUMER);
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.spanId());
        assertThat(consumer.getAttributes().get(ExportedSpans.CORRELATION_ID)).isEqualTo(correlationId);
        SpanData addMembers = spans.named(ChatSpans.ADD_MEMBERS);
        assertThat(addMembers.getParentSpanId()).isEqualTo(consumer.getSpanId());
        assertThat(addMembers.getAttributes().get(ChatSpans.MEMBERS_COUNT)).isEqualTo(1L);
        // the database work of the enrollment belongs to the same trace
        assertThat(spans.all()).anySatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getParentSpanId()).isEqualTo(consumer.getSpanId());
        });
        assertThat(spans.all()).allSatisfy(span -> assertThat(span.getAttributes().get(ExportedSpans.CORRELATION_ID))
                .as("correlation_id of span %s", span.getName()).isEqualTo(correlationId));
    }

    @Test
    void envelopeCorrelationIdIsUsedWhenRecordHasNoBaggage() throws Exception {
        UUID courseId = UUID.randomUUID();
        createRoom("5151", "COURSE", courseId, List.of());
        TraceParent producer = TraceParent.random();
        String correlationId = "test-envelope-" + UUID.randomUUID();

        TestKafka.send(TOPIC, "invoice-6", invoicePaid(UUID.randomUUID(), "5152", courseId, correlationId),
                Map.of("traceparent", producer.header()));

        SpanData addMembers = ExportedSpans.awaitTrace(spanExporter, producer.traceId(), ChatSpans.ADD_MEMBERS)
                .named(ChatSpans.ADD_MEMBERS);
        assertThat(addMembers.getAttributes().get(ExportedSpans.CORRELATION_ID)).isEqualTo(correlationId);
    }

    @Test
    void eventForCourseWithoutRoomIsSkippedWithoutDeadLettering() throws Exception {
        String record = invoicePaid(UUID.randomUUID(), "5202", UUID.randomUUID());

        TestKafka.awaitProcessed(GROUP, TestKafka.send(TOPIC, "invoice-3", record, Map.of()));

        // a failed record is dead-lettered before its offset is committed: none may be there
        assertThat(TestKafka.allRecords(DLQ)).noneMatch(dead -> record.equals(dead.value()));
        as("5202").when().get("/api/chat/rooms").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void malformedRecordGoesToDeadLetterTopic() {
        String malformed = "not an event " + UUID.randomUUID();

        TestKafka.send(TOPIC, "invoice-4", malformed, Map.of());

        assertThat(TestKafka.awaitRecord(DLQ, record -> malformed.equals(record.value())).key()).isEqualTo("invoice-4");
    }

    @Test
    void studentCanPostInTheCourseRoomRightAfterJoining() throws Exception {
        UUID courseId = UUID.randomUUID();
        UUID roomId = createRoom("5301", "COURSE", courseId, List.of());
        // prime the membership cache with the members before the payment
        as("5301").when().get("/api/chat/rooms/{id}/messages", roomId).then().statusCode(200);

        TestKafka.awaitProcessed(GROUP, TestKafka.send(TOPIC, "invoice-5", invoicePaid(UUID.randomUUID(), "5302", courseId),
                Map.of()));

        as("5302").body(Map.of("roomId", roomId, "body", "Hi all"))
                .when().post("/api/chat/messages")
                .then().statusCode(201);
        as("5301").when().get("/api/chat/rooms/{id}/messages", roomId)
                .then().statusCode(200)
                .body("senderId", hasItem("5302"));
    }

    private String invoicePaid(UUID invoiceId, String studentId, UUID courseId) throws Exception {
        return invoicePaid(invoiceId, studentId, courseId, "test-correlation");
    }

    private String invoicePaid(UUID invoiceId, String studentId, UUID courseId, String correlationId) throws Exception {
        Map<String, Object> data = Map.of(
                "invoiceId", invoiceId,
                "paymentId", "pay-" + invoiceId,
                "studentId", studentId,
                "courseId", courseId,
                "teacherId", "5000",
                "amount", "49.00",
                "currency", "RUB",
                "paidAt", Instant.now().toString());
        return objectMapper.writeValueAsString(
                new EventEnvelope<>(UUID.randomUUID(), TOPIC, Instant.now(), correlationId, data));
    }
}
