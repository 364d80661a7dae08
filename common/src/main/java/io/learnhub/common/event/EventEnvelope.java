package io.learnhub.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.learnhub.common.correlation.CorrelationId;

/**
 * The JSON value of every Kafka record: {@code {"eventId","type","occurredAt","correlationId","data"}}.
 * Consumers deduplicate by {@code eventId}; {@code type} names the topic's event, e.g.
 * {@code payments.invoice-paid.v1}.
 */
public record EventEnvelope<T>(UUID eventId, String type, Instant occurredAt, String correlationId, T data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }

    /** A new event in the current request or message, stamped with its correlation id. */
    public static <T> EventEnvelope<T> create(String type, T data) {
        return new EventEnvelope<>(UUID.randomUUID(), type, Instant.now(),
                CorrelationId.current().orElseGet(CorrelationId::mint), data);
    }
}
