package io.learnhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The bookkeeping of the fault-injection scenarios: what the suite accepted (a 2xx, an
 * acknowledged frame) reconciled with what each consumer did, printed as one
 * {@code [reliability]} line per topic and effect and asserted to have lost and duplicated nothing;
 * and the checks that a relayed event's consumers stayed in the trace of the request that caused it.
 */
final class Reliability {

    private Reliability() {
    }

    /** Accepted items against their effects: {@code lost} accepted without effect, {@code duplicated} effects beyond one each. */
    record Tally(String scenario, String subject, int accepted, long effects, long lost, long duplicated) {

        /** Prints the line and fails when anything was lost or duplicated. */
        Tally report() {
            System.out.printf("[reliability] %s: %s accepted %d, effects %d, lost %d, duplicated %d%n", scenario, subject,
                    accepted, effects, lost, duplicated);
            assertThat(lost).as("%s: %s lost", scenario, subject).isZero();
            assertThat(duplicated).as("%s: %s duplicated", scenario, subject).isZero();
            return this;
        }
    }

    /** Each accepted key should have exactly one effect; {@code effectsOf} counts those of a key. */
    static Tally perKey(String scenario, String subject, Collection<String> accepted, Function<String, Long> effectsOf) {
        Map<String, Long> effects = accepted.stream().collect(Collectors.toMap(key -> key, effectsOf));
        return new Tally(scenario, subject, accepted.size(), effects.values().stream().mapToLong(Long::longValue).sum(),
                effects.values().stream().filter(count -> count == 0).count(),
                effects.values().stream().mapToLong(count -> Math.max(0, count - 1)).sum());
    }

    /**
     * Accepted ids against the ids of the effects observed, once per observation (a record, a row,
     * a frame): an effect of something never accepted counts as duplicated.
     */
    static Tally observed(String scenario, String subject, Collection<String> accepted, Collection<String> effects) {
        Set<String> acceptedIds = Set.copyOf(accepted);
        long lost = acceptedIds.stream().filter(id -> !effects.contains(id)).count();
        long firstEffects = effects.stream().distinct().filter(acceptedIds::contains).count();
        return new Tally(scenario, subject, acceptedIds.size(), effects.size(), lost, effects.size() - firstEffects);
    }

    /** An effect counted as a whole (a counter that should have grown by exactly the number accepted). */
    static Tally total(String scenario, String subject, int accepted, long effects) {
        return new Tally(scenario, subject, accepted, effects, Math.max(0, accepted - effects), Math.max(0, effects - accepted));
    }

    /** The records of a topic, grouped by a key the test extracts from each (its record key, an id in its value). */
    static Map<String, Long> recordsBy(E2eStack stack, String topic, Function<ConsumerRecord<String, String>, String> key) {
        return TestKafka.at(stack.kafkaBootstrapServers()).records(topic).stream()
                .collect(Collectors.groupingBy(record -> String.valueOf(key.apply(record)), Collectors.counting()));
    }

    /** How many rows a query over a service's database returns per value of its first column; {@code ?} is bound to {@code keys}. */
    static Map<String, Long> rowsBy(E2eStack stack, String service, String sqlWithArrayParameter, Collection<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(service), "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sqlWithArrayParameter)) {
            Array array = connection.createArrayOf("text", keys.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.merge(rows.getString(1), 1L, Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot query " + service + "'s database", e);
        }
        return counts;
    }

    /** The single number a query over a service's database returns (a {@code count(*)}). */
    static long count(E2eStack stack, String service, String sql) {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(service), "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot query " + service + "'s database", e);
        }
    }

    /** The outbox rows of a service not yet sent to Kafka, among those with the given message keys. */
    static long unsentOutboxRows(E2eStack stack, String service, Collection<String> messageKeys) {
        return rowsBy(stack, service, "select message_key from outbox_events where sent_at is null and message_key = any(?)",
                messageKeys).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Every consumer service has at least one CONSUMER span of the topic in the trace, and each is
     * a child of a PRODUCER span of {@code producer}: the relayed (or first) publish carried the
     * request's context to every consumer.
     */
    static void assertConsumersUnderProducer(TraceTree trace, String topic, String producer, List<String> consumers) {
        for (String service : consumers) {
            List<SpanData> received = trace.messaging(service, SpanKind.CONSUMER, topic);
            assertThat(received).as("%s CONSUMER spans of %s in %s", service, topic, trace.describe()).isNotEmpty();
            for (SpanData consumer : received) {
                SpanData parent = trace.parentOf(consumer).orElseThrow(
                        () -> new AssertionError(TraceTree.describe(consumer) + " has no parent in " + trace.describe()));
                assertThat(TraceTree.serviceName(parent) + "/" + parent.getKind())
                        .as("parent of %s in %s", TraceTree.describe(consumer), trace.describe())
                        .isEqualTo(producer + "/" + SpanKind.PRODUCER);
            }
        }
    }

    /** {@code 12.3 s}: outage and recovery figures, to a tenth of a second. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Milliseconds from {@code start} to now, for the printed timings. */
    static long millisSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }
}
