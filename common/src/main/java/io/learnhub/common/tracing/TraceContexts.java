package io.learnhub.common.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Carries an OpenTelemetry context where no instrumentation does (an outbox row, a Redis message,
 * a WebSocket frame) and restores it, with the configured propagators (W3C trace context and
 * baggage): the same headers an HTTP hop would carry.
 */
@ApplicationScoped
public class TraceContexts {

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final TextMapPropagator propagator;
    private final ObjectMapper objectMapper;

    public TraceContexts(OpenTelemetry openTelemetry, ObjectMapper objectMapper) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.objectMapper = objectMapper;
    }

    /** The context's propagation headers, e.g. {@code traceparent} and {@code baggage}. */
    public Map<String, String> headers(Context context) {
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(context, headers, Map::put);
        return headers;
    }

    /** The {@code traceparent} of the context's span: what a client needs to continue the trace. */
    public String traceparent(Context context) {
        return headers(context).get("traceparent");
    }

    /** The context's propagation headers as a JSON object, e.g. {@code {"traceparent":…,"baggage":…}}. */
    public String capture(Context context) {
        try {
            return objectMapper.writeValueAsString(headers(context));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise trace headers", e);
        }
    }

    /** The context carried by propagation headers: its span becomes a remote parent. */
    public Context restore(Map<String, String> headers) {
        return propagator.extract(Context.root(), headers, GETTER);
    }

    /** The context captured by {@link #capture(Context)}: its span becomes a remote parent. */
    public Context restore(String captured) {
        try {
            return restore(objectMapper.readValue(captured, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable trace context in the outbox", e);
        }
    }
}
