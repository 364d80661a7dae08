package io.learnhub.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.context.Context;

/**
 * The JSON value of every Kafka record: {@code {"eventId","type","occurredAt","correlationId","data"}}.
 * Consumers deduplicate by {@code eventId}; {@code type} is the topic's name (see {@link Topics}).
 */
public record EventEnvelope<T>(UUID eventId, String type, Instant occurredAt, String correlationId, T data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }

    /** A new event of the current request or message, stamped with its correlation id. */
    public static <T> EventEnvelope<T> create(String type, T data, Instant occurredAt) {
        return new EventEnvelope<>(UUID.randomUUID(), type, occurredAt, CorrelationId.current().orElseGet(CorrelationId::mint),
                data);
    }

    /**
     * The context to apply or publish this event in. Its correlation id normally travels in the
     * baggage of the record's (or the stored request's) trace context; when that context has none
     * (a producer outside this suite, a context stored without baggage), the envelope's own id is
     * added, so that every span and log line of the work still carries it.
     */
    public Context correlated(Context context) {
        if (CorrelationId.from(context).isPresent() || !CorrelationId.isAcceptable(correlationId)) {
            return context;
        }
        return CorrelationId.withCorrelationId(context, correlationId);
    }
}
