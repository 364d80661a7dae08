package io.learnhub.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * One trace's spans as a tree, whoever exported them: a service's in-memory exporter or, in e2e,
 * the OTLP receiver that four services export to. Lookups by name, service, kind and parent, and
 * ancestry walks, with assertion messages that print the tree.
 */
public final class TraceTree {

    public static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    /** Semantic conventions: the topic of a Kafka producer or consumer span. */
    public static final AttributeKey<String> MESSAGING_DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
    /**
     * common's SharedSpans.CORRELATION_ID, named again because this module depends on none of the
     * project's (common's own tests use it); SharedSpansCatalogueTest keeps the two names equal.
     */
    public static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("correlation_id");

    private final List<SpanData> spans;
    private final Map<String, SpanData> byId = new LinkedHashMap<>();

    public TraceTree(Collection<SpanData> spans) {
        this.spans = spans.stream().sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        this.spans.forEach(span -> byId.put(span.getSpanId(), span));
    }

    /** The service that exported the span (resource attribute {@code service.name}). */
    public static String serviceName(SpanData span) {
        return span.getResource().getAttribute(SERVICE_NAME);
    }

    /**
     * An attribute of the span as text, whatever its type ({@code true}, {@code 42}, ...), or null:
     * for tests that know an attribute by its name only.
     */
    public static String attributeText(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream()
                .filter(entry -> entry.getKey().getKey().equals(key))
                .map(entry -> String.valueOf(entry.getValue()))
                .findFirst().orElse(null);
    }

    public List<SpanData> spans() {
        return spans;
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }

    public List<String> names() {
        return spans.stream().map(SpanData::getName).toList();
    }

    /** Spans without a parent in any trace. */
    public List<SpanData> roots() {
        return spans.stream().filter(span -> !span.getParentSpanContext().isValid()).toList();
    }

    /** Spans whose parent is named but is not in the tree: a broken link, or a caller outside the test. */
    public List<SpanData> orphans() {
        return spans.stream()
                .filter(span -> span.getParentSpanContext().isValid() && !byId.containsKey(span.getParentSpanId()))
                .toList();
    }

    public Optional<SpanData> parentOf(SpanData span) {
        SpanContext parent = span.getParentSpanContext();
        return parent.isValid() ? Optional.ofNullable(byId.get(parent.getSpanId())) : Optional.empty();
    }

    /** Parent, grandparent, … up to the root or the first missing link. */
    public List<SpanData> ancestorsOf(SpanData span) {
        List<SpanData> ancestors = new ArrayList<>();
        Optional<SpanData> parent = parentOf(span);
        while (parent.isPresent() && ancestors.size() <= spans.size()) {
            ancestors.add(parent.get());
            parent = parentOf(parent.get());
        }
        return ancestors;
    }

    public boolean descendsFrom(SpanData span, SpanData ancestor) {
        return ancestorsOf(span).stream().anyMatch(candidate -> candidate.getSpanId().equals(ancestor.getSpanId()));
    }

    public List<SpanData> children(SpanData parent) {
        return matching(span -> parent.getSpanId().equals(span.getParentSpanId()) && span.getParentSpanContext().isValid());
    }

    public List<SpanData> matching(Predicate<SpanData> predicate) {
        return spans.stream().filter(predicate).toList();
    }

    public Optional<SpanData> find(String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst();
    }

    /** The one span of that name; fails the test when there is none or more than one. */
    public SpanData named(String name) {
        return single(allNamed(name), "spans named " + name);
    }

    public List<SpanData> allNamed(String name) {
        return matching(span -> span.getName().equals(name));
    }

    /** Spans of that name exported by one service. */
    public List<SpanData> named(String service, String name) {
        return matching(span -> service.equals(serviceName(span)) && span.getName().equals(name));
    }

    /** The one span of that kind; fails the test when there is none or more than one. */
    public SpanData ofKind(SpanKind kind) {
        return single(matching(span -> span.getKind() == kind), kind + " spans");
    }

    public List<SpanData> ofKind(String service, SpanKind kind) {
        return matching(span -> service.equals(serviceName(span)) && span.getKind() == kind);
    }

    /**
     * Messaging spans of {@code kind} for {@code topic}: by the semantic-convention attribute
     * {@code messaging.destination.name}, or by the span name ({@code "<topic> publish"}).
     */
    public List<SpanData> messaging(String service, SpanKind kind, String topic) {
        return matching(span -> service.equals(serviceName(span)) && span.getKind() == kind
                && (topic.equals(span.getAttributes().get(MESSAGING_DESTINATION_NAME)) || span.getName().startsWith(topic)));
    }

    /** The tree, indented, one span per line: for assertion messages and build logs. */
    public String describe() {
        StringBuilder text = new StringBuilder(spans.size() + " spans");
        roots().forEach(root -> append(text, root, 1));
        List<SpanData> orphans = orphans();
        if (!orphans.isEmpty()) {
            text.append("\n  parent not in the trace:");
            orphans.forEach(orphan -> append(text, orphan, 2));
        }
        return text.toString();
    }

    /** Short form for assertion messages: {@code service/name(KIND) span=… parent=…}. */
    public static String describe(SpanData span) {
        String service = serviceName(span);
        return (service == null ? "" : service + "/") + span.getName() + "(" + span.getKind()
                + (span.getStatus().getStatusCode() == StatusCode.ERROR ? ",ERROR" : "") + ")"
                + " span=" + span.getSpanId() + " parent=" + span.getParentSpanId();
    }

    @Override
    public String toString() {
        return describe();
    }

    private void append(StringBuilder text, SpanData span, int depth) {
        text.append('\n').append("  ".repeat(depth)).append(describe(span))
                .append(" correlation_id=").append(span.getAttributes().get(CORRELATION_ID));
        if (depth > spans.size()) {
            return;
        }
        children(span).forEach(child -> append(text, child, depth + 1));
    }

    private SpanData single(List<SpanData> candidates, String what) {
        if (candidates.size() != 1) {
            throw new AssertionError("Expected exactly one of the " + what + " but found " + candidates.size() + " in "
                    + describe());
        }
        return candidates.get(0);
    }
}
