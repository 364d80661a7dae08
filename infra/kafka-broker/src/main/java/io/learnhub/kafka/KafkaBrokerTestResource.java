package io.learnhub.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives {@code @QuarkusTest} classes a real Kafka broker: one per test JVM, started on first use
 * and stopped when the JVM exits, so every test class of a module shares it however often Quarkus
 * restarts the application.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker shared;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", sharedBroker().bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker outlives a single application start; the shutdown hook stops it
    }

    public static synchronized KafkaBroker sharedBroker() {
        if (shared == null) {
            KafkaBroker broker = KafkaBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
            shared = broker;
        }
        return shared;
    }
}
