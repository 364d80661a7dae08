package io.learnhub.common.event;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.learnhub.common.correlation.CorrelationId;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Builds outgoing Kafka messages the way every producer here must: keyed by the aggregate id and
 * carrying {@value CorrelationId#HEADER} beside the W3C trace context and baggage headers that
 * Quarkus Messaging injects.
 */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /** A message for the channel's own topic. */
    public static <T> Message<EventEnvelope<T>> keyed(String key, EventEnvelope<T> envelope) {
        return build(null, key, envelope);
    }

    /** A message for {@code topic}, whatever topic its channel is configured with (the outbox's one channel). */
    public static <T> Message<EventEnvelope<T>> keyedTo(String topic, String key, EventEnvelope<T> envelope) {
        return build(topic, key, envelope);
    }

    private static <T> Message<EventEnvelope<T>> build(String topic, String key, EventEnvelope<T> envelope) {
        RecordHeaders headers = new RecordHeaders();
        if (envelope.correlationId() != null) {
            headers.add(CorrelationId.HEADER, envelope.correlationId().getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topic)
                .withKey(key)
                .withHeaders(headers)
                .build();
        return Message.of(envelope).addMetadata(metadata);
    }
}
