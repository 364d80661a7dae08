package io.learnhub.gateway.web;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * Reads an OTLP/JSON {@code ExportTraceServiceRequest} (what OpenTelemetry JS's
 * {@code exporter-trace-otlp-http} posts) into spans the gateway's exporter can send on, and
 * holds them to what a browser may say:
 * <ul>
 * <li>the resource is the gateway's to set: {@code service.name} is always {@code web}, and only
 * the SDK's own attributes and {@code service.version} are kept;</li>
 * <li>ids must be valid W3C ids (hex, not all zeros), names short, a span must end after it starts;</li>
 * <li>attributes, events and links are capped, long strings cut, the user agent dropped
 * (nothing personal in spans), and a {@code correlation_id} that breaks the suite's rule for one
 * dropped.</li>
 * </ul>
 * Anything else malformed is an {@link InvalidSpansException} naming what: a browser that sends
 * such spans has a bug worth seeing in its console.
 */
final class OtlpJsonSpans {

    static final String SERVICE_NAME = "web";
    static final int MAX_NAME_LENGTH = 256;
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_EVENTS = 32;
    static final int MAX_LINKS = 8;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 1024;

    private static final AttributeKey<String> SERVICE_NAME_KEY = AttributeKey.stringKey("service.name");
    private static final Set<String> KEPT_RESOURCE_ATTRIBUTES = Set.of("service.version", "telemetry.sdk.language",
            "telemetry.sdk.name", "telemetry.sdk.version");
    private static final Set<String> DROPPED_ATTRIBUTES = Set.of("http.user_agent", "user_agent.original");
    private static final String CORRELATION_ID = "correlation_id";
    private static final SpanKind[] KINDS = { SpanKind.INTERNAL, SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT,
            SpanKind.PRODUCER, SpanKind.CONSUMER };
    private static final BigInteger TWO_TO_THE_32 = BigInteger.ONE.shiftLeft(32);

    private OtlpJsonSpans() {
    }

    static List<BrowserSpan> read(JsonNode request, int maxSpans) {
        JsonNode resourceSpans = request == null ? null : request.get("resourceSpans");
        if (resourceSpans == null || !resourceSpans.isArray()) {
            throw new InvalidSpansException("Expected an OTLP/JSON ExportTraceServiceRequest: {\"resourceSpans\":[…]}");
        }
        List<BrowserSpan> spans = new ArrayList<>();
        for (JsonNode resourceSpan : resourceSpans) {
            Resource resource = resource(resourceSpan.path("resource"));
            for (JsonNode scopeSpan : array(resourceSpan, "scopeSpans")) {
                InstrumentationScopeInfo scope = scope(scopeSpan.path("scope"));
                for (JsonNode span : array(scopeSpan, "spans")) {
                    if (spans.size() == maxSpans) {
                        throw new InvalidSpansException("More than " + maxSpans + " spans in one request");
                    }
                    spans.add(span(span, scope, resource));
                }
            }
        }
        return spans;
    }

    private static BrowserSpan span(JsonNode span, InstrumentationScopeInfo scope, Resource resource) {
        String traceId = text(span, "traceId").toLowerCase();
        SpanContext context = SpanContext.create(traceId, text(span, "spanId").toLowerCase(), TraceFlags.getSampled(),
                TraceState.getDefault());
        if (!context.isValid()) {
            throw new InvalidSpansException("A span has an invalid traceId or spanId (hex, 32 and 16 digits, not all zeros)");
        }
        String parentSpanId = span.path("parentSpanId").asText("");
        SpanContext parent = SpanContext.getInvalid();
        if (!parentSpanId.isEmpty()) {
            parent = SpanContext.createFromRemoteParent(traceId, parentSpanId.toLowerCase(), TraceFlags.getSampled(),
                    TraceState.getDefault());
            if (!parent.isValid()) {
                throw new InvalidSpansException("Span " + context.getSpanId() + " has an invalid parentSpanId");
            }
        }
        String name = text(span, "name");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidSpansException("Span " + context.getSpanId() + " needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        long start = nanos(span.get("startTimeUnixNano"));
        long end = nanos(span.get("endTimeUnixNano"));
        if (start <= 0 || end < start) {
            throw new InvalidSpansException("Span " + context.getSpanId() + " must end after it starts (startTimeUnixNano, endTimeUnixNano)");
        }
        return new BrowserSpan(name, kind(span.path("kind").asInt(0)), context, parent, status(span.path("status")), start, end,
                attributes(span.path("attributes")), events(span.path("events")), links(span.path("links")), scope, resource);
    }

    private static Resource resource(JsonNode resource) {
        Attributes sent = attributes(resource.path("attributes"));
        AttributesBuilder kept = Attributes.builder();
        sent.forEach((key, value) -> {
            if (KEPT_RESOURCE_ATTRIBUTES.contains(key.getKey())) {
                putUnchecked(kept, key, value);
            }
        });
        kept.put(SERVICE_NAME_KEY, SERVICE_NAME);
        return Resource.create(kept.build());
    }

    private static InstrumentationScopeInfo scope(JsonNode scope) {
        String name = truncate(scope.path("name").asText("web"), MAX_KEY_LENGTH);
        String version = scope.path("version").asText("");
        return InstrumentationScopeInfo.builder(name.isEmpty() ? "web" : name)
                .setVersion(version.isEmpty() ? null : truncate(version, MAX_KEY_LENGTH))
                .build();
    }

    private static StatusData status(JsonNode status) {
        int code = status.path("code").asInt(0);
        String description = truncate(status.path("message").asText(""), MAX_VALUE_LENGTH);
        return switch (code) {
            case 1 -> StatusData.ok();
            case 2 -> StatusData.create(StatusCode.ERROR, description);
            default -> StatusData.unset();
        };
    }

    private static List<EventData> events(JsonNode events) {
        List<EventData> read = new ArrayList<>();
        for (JsonNode event : events) {
            if (read.size() == MAX_EVENTS) {
                break;
            }
            String name = truncate(event.path("name").asText(""), MAX_NAME_LENGTH);
            if (!name.isEmpty()) {
                read.add(EventData.create(nanos(event.get("timeUnixNano")), name, attributes(event.path("attributes"))));
            }
        }
        return List.copyOf(read);
    }

    private static List<LinkData> links(JsonNode links) {
        List<LinkData> read = new ArrayList<>();
        for (JsonNode link : links) {
            if (read.size() == MAX_LINKS) {
                break;
            }
            SpanContext linked = SpanContext.createFromRemoteParent(link.path("traceId").asText("").toLowerCase(),
                    link.path("spanId").asText("").toLowerCase(), TraceFlags.getSampled(), TraceState.getDefault());
            if (linked.isValid()) {
                read.add(LinkData.create(linked, attributes(link.path("attributes"))));
            }
        }
        return List.copyOf(read);
    }

    /** OTLP KeyValue list; kvlist and bytes values, which our spans never carry, are left out. */
    private static Attributes attributes(JsonNode keyValues) {
        AttributesBuilder attributes = Attributes.builder();
        int count = 0;
        for (JsonNode keyValue : keyValues) {
            String key = keyValue.path("key").asText("");
            if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || DROPPED_ATTRIBUTES.contains(key)
                    || CORRELATION_ID.equals(key) && !CorrelationId.isAcceptable(keyValue.path("value").path("stringValue").asText(null))) {
                continue;
            }
            if (count == MAX_ATTRIBUTES) {
                break;
            }
            if (put(attributes, key, keyValue.path("value"))) {
                count++;
            }
        }
        return attributes.build();
    }

    private static boolean put(AttributesBuilder attributes, String key, JsonNode value) {
        if (value.has("stringValue")) {
            attributes.put(AttributeKey.stringKey(key), truncate(value.get("stringValue").asText(), MAX_VALUE_LENGTH));
        } else if (value.has("boolValue")) {
            attributes.put(AttributeKey.booleanKey(key), value.get("boolValue").asBoolean());
        } else if (value.has("intValue")) {
            attributes.put(AttributeKey.longKey(key), value.get("intValue").asLong());
        } else if (value.has("doubleValue")) {
            attributes.put(AttributeKey.doubleKey(key), value.get("doubleValue").asDouble());
        } else if (value.has("arrayValue")) {
            List<String> values = new ArrayList<>();
            for (JsonNode element : value.path("arrayValue").path("values")) {
                if (values.size() == MAX_ATTRIBUTES) {
                    break;
                }
                JsonNode scalar = element.has("stringValue") ? element.get("stringValue") : element.elements().hasNext()
                        ? element.elements().next() : null;
                if (scalar != null && scalar.isValueNode()) {
                    values.add(truncate(scalar.asText(), MAX_VALUE_LENGTH));
                }
            }
            attributes.put(AttributeKey.stringArrayKey(key), values);
        } else {
            return false;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void putUnchecked(AttributesBuilder builder, AttributeKey<?> key, Object value) {
        builder.put((AttributeKey<Object>) key, value);
    }

    /**
     * A time in nanoseconds since the epoch: OTLP/JSON writes the 64-bit integer as a decimal
     * string, some encoders as a number, older OpenTelemetry JS as {@code {"low","high"}} halves.
     */
    private static long nanos(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isObject()) {
            BigInteger high = BigInteger.valueOf(value.path("high").asLong() & 0xffffffffL);
            BigInteger low = BigInteger.valueOf(value.path("low").asLong() & 0xffffffffL);
            return high.multiply(TWO_TO_THE_32).add(low).longValue();
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText());
        } catch (NumberFormatException notANumber) {
            throw new InvalidSpansException("A time is not a number of nanoseconds: " + truncate(value.asText(), 40));
        }
    }

    private static SpanKind kind(int otlpKind) {
        return otlpKind >= 0 && otlpKind < KINDS.length ? KINDS[otlpKind] : SpanKind.INTERNAL;
    }

    private static Iterable<JsonNode> array(JsonNode parent, String field) {
        JsonNode array = parent.get(field);
        return array != null && array.isArray() ? array : List.of();
    }

    private static String text(JsonNode span, String field) {
        JsonNode value = span.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidSpansException("A span needs \"" + field + "\" as a string");
        }
        return value.textValue();
    }

    private static String truncate(String value, int maxLength) {
        return value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
