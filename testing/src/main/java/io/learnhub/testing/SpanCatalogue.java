package io.learnhub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span catalogue of docs/architecture.md, read as data, and the check that a service's
 * {@code <Service>Spans} class declares exactly what the catalogue lists for that service.
 *
 * <p>In a {@code *Spans} class, {@code String} constants are span names, except those named
 * {@code EVENT_*}, which are span event names; {@code AttributeKey} constants are attribute keys.
 * The catalogue's "Business spans" table has one row per span: service, span, parent,
 * attributes, events (names in backticks); its "Shared attributes" table lists the keys declared
 * once in common. Common's shared class may also name spans that common's own code starts in
 * several services (the mail outbox's {@code send_email}): each service that starts one lists it
 * in its own rows and names it to {@link #assertDescribes}.
 */
public final class SpanCatalogue {

    public static final String DOCUMENT = "docs/architecture.md";
    static final String SPANS_TABLE = "Business spans";
    static final String SHARED_TABLE = "Shared attributes";

    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final String EVENT_PREFIX = "EVENT_";

    /** One row of the business span table. */
    record Row(String service, String span, Set<String> attributes, Set<String> events) {
    }

    private final List<Row> rows;
    private final Set<String> sharedAttributes;

    SpanCatalogue(List<Row> rows, Set<String> sharedAttributes) {
        this.rows = List.copyOf(rows);
        this.sharedAttributes = Set.copyOf(sharedAttributes);
    }

    public static SpanCatalogue read() {
        try {
            return parse(Files.readString(RepositoryRoot.resolve(DOCUMENT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SpanCatalogue parse(String markdown) {
        List<Row> rows = new ArrayList<>();
        for (List<String> cells : table(markdown, SPANS_TABLE)) {
            if (cells.size() < 5) {
                throw new IllegalStateException("A row of '" + SPANS_TABLE + "' needs 5 cells: " + cells);
            }
            Set<String> span = backticked(cells.get(1));
            if (span.size() != 1) {
                throw new IllegalStateException("A row of '" + SPANS_TABLE + "' names one span in backticks: " + cells);
            }
            rows.add(new Row(cells.get(0).strip(), span.iterator().next(), backticked(cells.get(3)), backticked(cells.get(4))));
        }
        Set<String> shared = new TreeSet<>();
        for (List<String> cells : table(markdown, SHARED_TABLE)) {
            shared.addAll(backticked(cells.get(0)));
        }
        if (rows.isEmpty() || shared.isEmpty()) {
            throw new IllegalStateException(DOCUMENT + " has no '" + SPANS_TABLE + "' or no '" + SHARED_TABLE + "' table");
        }
        return new SpanCatalogue(rows, shared);
    }

    public Set<String> spans(String service) {
        return collect(service, row -> Set.of(row.span()));
    }

    public Set<String> events(String service) {
        return collect(service, Row::events);
    }

    public Set<String> attributes(String service) {
        return collect(service, Row::attributes);
    }

    public Set<String> sharedAttributes() {
        return new TreeSet<>(sharedAttributes);
    }

    /**
     * Fails unless the catalogue lists, for {@code service}, exactly the spans and events the class
     * declares plus the {@code sharedSpans} (spans of common's code the service starts), every
     * attribute key the class declares, and no attribute that is neither declared there nor a
     * shared one.
     */
    public void assertDescribes(String service, Class<?> spansClass, String... sharedSpans) {
        Constants constants = Constants.of(spansClass);
        Set<String> expectedSpans = new TreeSet<>(constants.spans());
        expectedSpans.addAll(Arrays.asList(sharedSpans));
        assertThat(spans(service)).as("spans of %s in %s vs %s and the shared spans %s", service, DOCUMENT,
                spansClass.getSimpleName(), Arrays.toString(sharedSpans))
                .containsExactlyInAnyOrderElementsOf(expectedSpans);
        assertThat(events(service)).as("span events of %s in %s vs %s", service, DOCUMENT, spansClass.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(constants.events());
        assertThat(attributes(service)).as("attributes of %s's spans in %s (declared in %s)", service, DOCUMENT,
                spansClass.getSimpleName()).containsAll(constants.attributes());
        Set<String> undeclared = new TreeSet<>(attributes(service));
        undeclared.removeAll(constants.attributes());
        undeclared.removeAll(sharedAttributes);
        assertThat(undeclared).as("attributes %s lists for %s that neither %s nor the shared attributes declare",
                DOCUMENT, service, spansClass.getSimpleName()).isEmpty();
    }

    /**
     * Fails unless the catalogue's shared attributes are exactly the keys the class declares, and
     * every span name it declares is a business span of at least one service.
     */
    public void assertShared(Class<?> sharedClass) {
        Constants constants = Constants.of(sharedClass);
        assertThat(constants.events()).as("%s declares span names and attribute keys only", sharedClass.getSimpleName())
                .isEmpty();
        assertThat(sharedAttributes).as("'%s' of %s vs %s", SHARED_TABLE, DOCUMENT, sharedClass.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(constants.attributes());
        Set<String> listed = new TreeSet<>();
        rows.forEach(row -> listed.add(row.span()));
        assertThat(listed).as("spans of '%s' in %s (shared ones declared in %s)", SPANS_TABLE, DOCUMENT,
                sharedClass.getSimpleName()).containsAll(constants.spans());
    }

    private Set<String> collect(String service, java.util.function.Function<Row, Set<String>> values) {
        Set<String> collected = new TreeSet<>();
        rows.stream().filter(row -> row.service().equals(service)).forEach(row -> collected.addAll(values.apply(row)));
        return collected;
    }

    /** The data rows (after its header and separator lines) of the first table under the heading that contains {@code title}. */
    private static List<List<String>> table(String markdown, String title) {
        List<List<String>> rows = new ArrayList<>();
        boolean underHeading = false;
        int tableLines = 0;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("#")) {
                if (tableLines > 0) {
                    break;
                }
                underHeading = line.contains(title);
                continue;
            }
            if (!underHeading) {
                continue;
            }
            if (!line.startsWith("|")) {
                if (tableLines > 0) {
                    break;
                }
                continue;
            }
            if (tableLines++ >= 2) {
                rows.add(Arrays.stream(line.substring(1).split("\\|", -1)).map(String::strip).toList());
            }
        }
        return rows;
    }

    private static Set<String> backticked(String cell) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = BACKTICKED.matcher(cell);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The public constants of a {@code *Spans} class, sorted by what they name. */
    record Constants(Set<String> spans, Set<String> events, Set<String> attributes) {

        static Constants of(Class<?> spansClass) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Field field : spansClass.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                    try {
                        values.put(field.getName(), field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            Set<String> spans = new TreeSet<>();
            Set<String> events = new TreeSet<>();
            Set<String> attributes = new TreeSet<>();
            values.forEach((name, value) -> {
                if (value instanceof AttributeKey<?> key) {
                    attributes.add(key.getKey());
                } else if (value instanceof String text) {
                    (name.startsWith(EVENT_PREFIX) ? events : spans).add(text);
                } else {
                    throw new IllegalStateException(spansClass.getSimpleName() + "." + name
                            + " is neither a name (String) nor an AttributeKey: keep only those in a *Spans class");
                }
            });
            return new Constants(spans, events, attributes);
        }
    }
}
