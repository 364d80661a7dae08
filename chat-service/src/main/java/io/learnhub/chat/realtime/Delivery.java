package io.learnhub.chat.realtime;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A frame on its way to the online recipients, as published on the Redis channel to every
 * replica. {@code frame} is the server frame's JSON without {@code traceparent}: each replica adds
 * the context of its own delivery span. {@code traceContext} holds the W3C headers of the span that
 * published it, so the deliveries on every replica join the sender's trace.
 *
 * @param subjectId the message id of a message, the room id of a notification
 */
public record Delivery(DeliveryKind kind, UUID roomId, UUID subjectId, List<String> recipients, String frame,
        Map<String, String> traceContext) {
}
