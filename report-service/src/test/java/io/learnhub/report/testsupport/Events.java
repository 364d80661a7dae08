package io.learnhub.report.testsupport;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.learnhub.common.event.Topics;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.TestKafka;

/**
 * The records report-service consumes, as their producers write them (docs/contracts.md, "Kafka"),
 * published to the test broker. Each call is a new event (a new event id) unless it says otherwise.
 */
public final class Events {

    private static final String GROUP = "report-service";

    private final TestKafka kafka = TestKafka.ofApplication();

    public RecordMetadata invoicePaid(InvoicePaidRecord paid) {
        return kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json());
    }

    public RecordMetadata refunded(InvoicePaidRecord paid, Instant refundedAt) {
        return refunded(UUID.randomUUID(), paid, refundedAt);
    }

    /** The refund of {@code paid} as event {@code eventId}: the same id again is a redelivery. */
    public RecordMetadata refunded(UUID eventId, InvoicePaidRecord paid, Instant refundedAt) {
        String data = """
                {"invoiceId":"%s","refundId":"re-%s","paymentId":"%s","studentId":"%s","courseId":"%s","teacherId":"%s",\
                "amount":"%s","currency":"%s","refundedAt":"%s"}""".formatted(paid.invoiceId(), paid.invoiceId(),
                paid.paymentId(), paid.studentId(), paid.courseId(), paid.teacherId(), paid.amount(), paid.currency(),
                refundedAt);
        return kafka.send(Topics.INVOICE_REFUNDED, paid.key(), envelope(eventId, Topics.INVOICE_REFUNDED, refundedAt, data));
    }

    /** A room; {@code teacherId} and {@code courseId} may be null. */
    public RecordMetadata roomCreated(UUID roomId, String type, UUID courseId, String createdBy, String teacherId) {
        String data = "{\"roomId\":\"" + roomId + "\",\"type\":\"" + type + "\","
                + (courseId == null ? "" : "\"courseId\":\"" + courseId + "\",")
                + "\"createdBy\":\"" + createdBy + "\","
                + (teacherId == null ? "" : "\"teacherId\":\"" + teacherId + "\",")
                + "\"memberIds\":[\"" + createdBy + "\"]}";
        return kafka.send(Topics.ROOM_CREATED, roomId.toString(), envelope(UUID.randomUUID(), Topics.ROOM_CREATED, Instant.now(), data));
    }

    public RecordMetadata userMessage(UUID roomId, String senderId, Instant sentAt) {
        return messageSent(UUID.randomUUID(), UUID.randomUUID(), roomId, senderId, "USER", sentAt);
    }

    public RecordMetadata systemMessage(UUID roomId, Instant sentAt) {
        return messageSent(UUID.randomUUID(), UUID.randomUUID(), roomId, null, "SYSTEM", sentAt);
    }

    public RecordMetadata messageSent(UUID eventId, UUID messageId, UUID roomId, String senderId, String kind, Instant sentAt) {
        String data = "{\"messageId\":\"" + messageId + "\",\"roomId\":\"" + roomId + "\","
                + (senderId == null ? "" : "\"senderId\":\"" + senderId + "\",")
                + "\"kind\":\"" + kind + "\",\"length\":12,\"sentAt\":\"" + sentAt + "\"}";
        return kafka.send(Topics.MESSAGE_SENT, roomId.toString(), envelope(eventId, Topics.MESSAGE_SENT, sentAt, data));
    }

    /** Waits until report-service has processed every given record (its consumer group committed past them). */
    public void awaitProcessed(RecordMetadata... records) {
        for (RecordMetadata record : records) {
            kafka.awaitProcessed(GROUP, record);
        }
    }

    public TestKafka kafka() {
        return kafka;
    }

    private static String envelope(UUID eventId, String type, Instant occurredAt, String data) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + occurredAt
                + "\",\"correlationId\":\"test-" + UUID.randomUUID() + "\",\"data\":" + data + "}";
    }
}
