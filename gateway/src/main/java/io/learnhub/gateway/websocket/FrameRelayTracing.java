package io.learnhub.gateway.websocket;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.common.tracing.TraceContexts;
import io.learnhub.gateway.sampling.InboundCaller;
import io.learnhub.gateway.tracing.GatewaySpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Puts the gateway into the trace of every chat message a client sends over {@code /ws/chat}: a
 * {@code send} frame is relayed in a span {@value GatewaySpans#RELAY_FRAME} (kind CONSUMER: a
 * message from outside the suite, which the sampler at the door judges like a request), whose
 * parent is the frame's {@code traceparent} (the sender's browser span) or, without one, nothing.
 * The frame goes on with the relay span's {@code traceparent} and the correlation id of the frame
 * ({@code correlationId}, if acceptable) or a fresh one, so chat-service's spans hang under the
 * gateway's and share its correlation id.
 *
 * <p>Other frames ({@code ping}, and anything chat-service will refuse as invalid) are relayed as
 * they are, untraced.
 */
@ApplicationScoped
public class FrameRelayTracing {

    static final String TRACEPARENT = "traceparent";
    static final String CORRELATION_ID = "correlationId";
    private static final String TYPE = "type";
    private static final String SEND = "send";
    private static final String ROOM_ID = "roomId";

    private final Tracer tracer;
    private final TraceContexts traceContexts;
    private final ObjectMapper objectMapper;

    FrameRelayTracing(Tracer tracer, TraceContexts traceContexts, ObjectMapper objectMapper) {
        this.tracer = tracer;
        this.traceContexts = traceContexts;
        this.objectMapper = objectMapper;
    }

    /**
     * The frame to send upstream and the span to end once it is sent; a frame that is not a
     * {@code send} comes back unchanged, with an invalid span.
     *
     * @param upgrade the context of the request that opened the socket: who the caller is, for the
     *        sampling decision at the door
     */
    RelayedFrame relay(String frame, Context upgrade) {
        ObjectNode send = sendFrame(frame);
        if (send == null) {
            return new RelayedFrame(frame, Span.getInvalid());
        }
        String correlationId = CorrelationId.firstAcceptableOrMint(text(send, CORRELATION_ID));
        Context parent = CorrelationId.withCorrelationId(callerParent(send, upgrade), correlationId);
        Span span = tracer.spanBuilder(GatewaySpans.RELAY_FRAME)
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(GatewaySpans.FRAME_TYPE, SEND)
                .startSpan();
        String roomId = text(send, ROOM_ID);
        if (roomId != null) {
            span.setAttribute(SharedSpans.ROOM_ID, roomId);
        }
        send.put(TRACEPARENT, traceContexts.traceparent(parent.with(span)));
        send.put(CORRELATION_ID, correlationId);
        return new RelayedFrame(send.toString(), span);
    }

    /** The frame's trace context, if it brings a valid one, knowing who sent it. */
    private Context callerParent(ObjectNode send, Context upgrade) {
        String traceparent = text(send, TRACEPARENT);
        Context parent = traceparent == null ? Context.root() : traceContexts.restore(Map.of(TRACEPARENT, traceparent));
        InboundCaller caller = InboundCaller.from(upgrade);
        return caller == null ? parent : caller.storeIn(parent);
    }

    private ObjectNode sendFrame(String frame) {
        try {
            JsonNode json = objectMapper.readTree(frame);
            return json instanceof ObjectNode object && SEND.equals(text(object, TYPE)) ? object : null;
        } catch (JsonProcessingException unreadable) {
            return null; // chat-service answers it with invalid_frame
        }
    }

    private static String text(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** A frame ready to go upstream, and the span that covers relaying it. */
    record RelayedFrame(String frame, Span span) {
    }
}
