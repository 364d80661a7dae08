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

    public static <T> Message<EventEnvelope<T>> keyed(String key, EventEnvelope<T> envelope) {
        RecordHeaders headers = new RecordHeaders();
        if (envelope.correlationId() != null) {
            headers.add(CorrelationId.HEADER, envelope.correlationId().getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(key)
                .withHeaders(headers)
                .build();
        return Message.of(envelope).addMetadata(metadata);
    }
}
