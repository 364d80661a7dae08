package io.learnhub.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Finds span attribute values that look like personal data or credentials: an email address, a
 * JWT, a bearer token. Spans carry ids, codes and counts only (docs/architecture.md), so any
 * match is a leak, in an attribute or in an event's attributes (an exception message, say).
 */
public final class SensitiveValues {

    private static final Map<String, Pattern> PATTERNS = Map.of(
            "an email address", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
            "a JWT", Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\."),
            "a bearer token", Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]{8,}"));

    private SensitiveValues() {
    }

    /** What looks sensitive in the value, e.g. {@code ["an email address"]}; empty when nothing does. */
    public static List<String> in(String value) {
        List<String> found = new ArrayList<>();
        PATTERNS.forEach((what, pattern) -> {
            if (pattern.matcher(value).find()) {
                found.add(what);
            }
        });
        return found;
    }

    /** One line per sensitive-looking value of the span (name, status, attributes, events): where, and what it looks like. */
    public static List<String> in(SpanData span) {
        List<String> leaks = new ArrayList<>();
        collect(TraceTree.describe(span), Attributes.builder()
                .put("(name)", span.getName())
                .put("(status description)", span.getStatus().getDescription())
                .putAll(span.getAttributes())
                .build(), leaks);
        for (EventData event : span.getEvents()) {
            collect(TraceTree.describe(span) + " event " + event.getName(), event.getAttributes(), leaks);
        }
        return leaks;
    }

    private static void collect(String where, Attributes attributes, List<String> leaks) {
        for (Map.Entry<AttributeKey<?>, Object> attribute : attributes.asMap().entrySet()) {
            List<String> found = in(String.valueOf(attribute.getValue()));
            if (!found.isEmpty()) {
                leaks.add(where + " " + attribute.getKey().getKey() + " looks like " + String.join(" and ", found));
            }
        }
    }
}
