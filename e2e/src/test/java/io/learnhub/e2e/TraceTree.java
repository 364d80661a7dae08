package io.learnhub.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** One trace's spans as a tree: lookups by id, parent and name, and ancestry walks. */
public final class TraceTree {

    private final List<ReceivedSpan> spans;
    private final Map<String, ReceivedSpan> byId = new LinkedHashMap<>();

    public TraceTree(List<ReceivedSpan> spans) {
        this.spans = spans.stream().sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos)).toList();
        this.spans.forEach(span -> byId.put(span.spanId(), span));
    }

    public List<ReceivedSpan> spans() {
        return spans;
    }

    public List<ReceivedSpan> roots() {
        return spans.stream().filter(ReceivedSpan::isRoot).toList();
    }

    /** Spans whose parent is named but was not received: a broken link in the trace. */
    public List<ReceivedSpan> orphans() {
        return spans.stream().filter(span -> !span.isRoot() && !byId.containsKey(span.parentSpanId())).toList();
    }

    public Optional<ReceivedSpan> parentOf(ReceivedSpan span) {
        return span.isRoot() ? Optional.empty() : Optional.ofNullable(byId.get(span.parentSpanId()));
    }

    /** Parent, grandparent, … up to the root or the first missing link. */
    public List<ReceivedSpan> ancestorsOf(ReceivedSpan span) {
        List<ReceivedSpan> ancestors = new ArrayList<>();
        Optional<ReceivedSpan> parent = parentOf(span);
        while (parent.isPresent() && ancestors.size() <= spans.size()) {
            ancestors.add(parent.get());
            parent = parentOf(parent.get());
        }
        return ancestors;
    }

    public boolean descendsFrom(ReceivedSpan span, ReceivedSpan ancestor) {
        return ancestorsOf(span).stream().anyMatch(candidate -> candidate.spanId().equals(ancestor.spanId()));
    }

    public List<ReceivedSpan> matching(Predicate<ReceivedSpan> predicate) {
        return spans.stream().filter(predicate).toList();
    }

    public List<ReceivedSpan> named(String service, String name) {
        return matching(span -> span.serviceName().equals(service) && span.name().equals(name));
    }

    public List<ReceivedSpan> of(String service, ReceivedSpan.Kind kind) {
        return matching(span -> span.serviceName().equals(service) && span.kind() == kind);
    }

    /**
     * Messaging spans of {@code kind} for {@code topic}: by the semantic-convention attribute
     * {@code messaging.destination.name}, or by the span name ({@code "<topic> publish"}).
     */
    public List<ReceivedSpan> messaging(String service, ReceivedSpan.Kind kind, String topic) {
        return matching(span -> span.serviceName().equals(service) && span.kind() == kind
                && (topic.equals(span.attributeText("messaging.destination.name")) || span.name().startsWith(topic)));
    }

    public String describe() {
        StringBuilder text = new StringBuilder(spans.size() + " spans");
        roots().forEach(root -> append(text, root, 1));
        List<ReceivedSpan> orphans = orphans();
        if (!orphans.isEmpty()) {
            text.append("\n  orphans (parent not received):");
            orphans.forEach(orphan -> append(text, orphan, 2));
        }
        return text.toString();
    }

    private void append(StringBuilder text, ReceivedSpan span, int depth) {
        text.append('\n').append("  ".repeat(depth)).append(span.describe())
                .append(" correlation_id=").append(span.attributeText("correlation_id"));
        spans.stream()
                .filter(child -> span.spanId().equals(child.parentSpanId()))
                .forEach(child -> append(text, child, depth + 1));
    }
}
