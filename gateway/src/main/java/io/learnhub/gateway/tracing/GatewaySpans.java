package io.learnhub.gateway.tracing;

import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Names and attribute keys of the spans the gateway's own code starts, as the span catalogue of
 * docs/architecture.md lists them (the shared ones, such as {@code room.id}, are in common's
 * {@code SharedSpans}).
 */
public final class GatewaySpans {

    /** A {@code send} frame a client sent on {@code /ws/chat}, on its way to chat-service. */
    public static final String RELAY_FRAME = "relay_frame";

    public static final AttributeKey<String> FRAME_TYPE = stringKey("frame.type");

    private GatewaySpans() {
    }
}
