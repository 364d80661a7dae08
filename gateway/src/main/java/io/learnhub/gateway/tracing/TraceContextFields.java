package io.learnhub.gateway.tracing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.spi.observability.HttpRequest;

/**
 * Reads the W3C trace context of an inbound request for the propagator the way the specification
 * asks, where the getter Quarkus hands it returns the first header field of a name only:
 * <ul>
 * <li>several {@code traceparent} fields are combined as RFC 9110 §5.3 combines fields, with
 * commas, which no valid traceparent has: the trace restarts rather than continuing whichever
 * came first;</li>
 * <li>several {@code tracestate} fields MUST be combined, in order, into one list; empty and
 * whitespace-only list members, which the specification allows (an empty field is one), are left
 * out, since OpenTelemetry's parser would reject the whole list for them.</li>
 * </ul>
 * What the combined values are worth (format, 32 members, keys and values) is still the W3C
 * propagator's decision.
 */
public final class TraceContextFields implements TextMapGetter<HttpRequest> {

    public static final TraceContextFields INSTANCE = new TraceContextFields();

    private static final String TRACESTATE = "tracestate";

    private TraceContextFields() {
    }

    @Override
    public Iterable<String> keys(HttpRequest request) {
        return request.headers().names();
    }

    @Override
    public String get(HttpRequest request, String name) {
        if (request == null) {
            return null;
        }
        List<String> fields = request.headers().getAll(name);
        if (fields.isEmpty()) {
            return null;
        }
        return TRACESTATE.equalsIgnoreCase(name) ? combinedList(fields) : String.join(",", fields);
    }

    /** The list members of all fields, in order, without optional whitespace and empty members. */
    static String combinedList(List<String> fields) {
        return fields.stream()
                .flatMap(field -> Arrays.stream(field.split(",", -1)))
                .map(TraceContextFields::withoutOws)
                .filter(member -> !member.isEmpty())
                .collect(Collectors.joining(","));
    }

    /** Without leading and trailing spaces and tabs (RFC 9110's OWS). */
    private static String withoutOws(String member) {
        int start = 0;
        int end = member.length();
        while (start < end && isOws(member.charAt(start))) {
            start++;
        }
        while (end > start && isOws(member.charAt(end - 1))) {
            end--;
        }
        return member.substring(start, end);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}
