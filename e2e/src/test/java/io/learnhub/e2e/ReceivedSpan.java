package io.learnhub.e2e;

import java.util.List;
import java.util.Map;

/**
 * One span as an OTLP exporter sent it, decoded into plain Java values: ids are lower-case hex
 * (as in {@code traceparent}), {@code parentSpanId} is {@code null} for a root span, and attribute
 * values are {@link String}, {@link Boolean}, {@link Long}, {@link Double} or {@link List}.
 */
public record ReceivedSpan(
        String serviceName,
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        Kind kind,
        Status status,
        String statusMessage,
        Map<String, Object> attributes,
        List<String> eventNames,
        long startEpochNanos,
        long endEpochNanos) {

    public enum Kind {
        UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER
    }

    public enum Status {
        UNSET, OK, ERROR
    }

    public ReceivedSpan {
        attributes = Map.copyOf(attributes);
        eventNames = List.copyOf(eventNames);
    }

    public boolean isRoot() {
        return parentSpanId == null;
    }

    public Object attribute(String key) {
        return attributes.get(key);
    }

    /** The attribute rendered as text ({@code true}, {@code 42}, ...), or {@code null} when absent. */
    public String attributeText(String key) {
        Object value = attributes.get(key);
        return value == null ? null : String.valueOf(value);
    }

    /** Short form for assertion messages: {@code service/name(KIND) span=… parent=…}. */
    public String describe() {
        return serviceName + "/" + name + "(" + kind + (status == Status.ERROR ? ",ERROR" : "") + ")"
                + " span=" + spanId + " parent=" + parentSpanId;
    }

    @Override
    public String toString() {
        return describe() + " " + attributes;
    }
}
