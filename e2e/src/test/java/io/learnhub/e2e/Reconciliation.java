package io.learnhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a fault-injection scenario accepted against the effects that followed, per topic: every
 * accepted item must have an effect (none lost) and no more than one (none duplicated). Printed as
 * {@code [reliability] <scenario>: <topic> accepted N, effects M, lost L, duplicated D}.
 *
 * @param accepted ids of what the suite answered as accepted (a 2xx, a record on a topic)
 * @param effects ids of the effects observed, once per observation (a record, a row, a frame, a span)
 */
record Reconciliation(String scenario, String topic, Set<String> accepted, List<String> effects) {

    Reconciliation(String scenario, String topic, Collection<String> accepted, Collection<String> effects) {
        this(scenario, topic, Set.copyOf(accepted), List.copyOf(effects));
    }

    long lost() {
        return accepted.stream().filter(id -> !effects.contains(id)).count();
    }

    /** Effects beyond the first of each accepted id, and effects of something never accepted. */
    long duplicated() {
        return effects.size() - new HashSet<>(effects).stream().filter(accepted::contains).count();
    }

    /** Prints the line, then asserts that nothing was lost or duplicated. */
    void printAndAssert() {
        System.out.printf("[reliability] %s: %s accepted %d, effects %d, lost %d, duplicated %d%n", scenario, topic,
                accepted.size(), effects.size(), lost(), duplicated());
        assertThat(lost()).as("%s: %s lost, accepted %s, effects %s", scenario, topic, accepted, effects).isZero();
        assertThat(duplicated()).as("%s: %s duplicated, accepted %s, effects %s", scenario, topic, accepted, effects).isZero();
    }

    /** {@code 12.3 s}: outage and recovery figures, to a tenth of a second. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
