package io.learnhub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void brokerDeliversAProducedRecordToAConsumer() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            produce(broker, "broker-test", "key-1", "hello");

            try (KafkaConsumer<String, String> consumer = consumer(broker, "broker-test")) {
                consumer.subscribe(List.of("broker-test"));
                assertThat(poll(consumer, 1)).singleElement().satisfies(record -> {
                    assertThat(record.key()).isEqualTo("key-1");
                    assertThat(record.value()).isEqualTo("hello");
                });
            }
        }
    }

    /** What an outage test relies on: same address, and topics, records and committed offsets survive. */
    @Test
    void restartedBrokerKeepsItsAddressTopicsAndCommittedOffsets() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            String bootstrapServers = broker.bootstrapServers();
            produce(broker, "restart-test", "before", "1");
            try (KafkaConsumer<String, String> consumer = consumer(broker, "restart-group")) {
                consumer.subscribe(List.of("restart-test"));
                assertThat(poll(consumer, 1)).extracting(ConsumerRecord::key).containsExactly("before");
                consumer.commitSync();
            }

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThatThrownBy(() -> describeCluster(bootstrapServers, Duration.ofSeconds(1)))
                    .as("a stopped broker answers nobody").isInstanceOf(ExecutionException.class);

            broker.restart();
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
            produce(broker, "restart-test", "after", "2");
            try (KafkaConsumer<String, String> consumer = consumer(broker, "restart-group")) {
                consumer.subscribe(List.of("restart-test"));
                assertThat(poll(consumer, 1)).as("the group resumes after its committed offset")
                        .extracting(ConsumerRecord::key).containsExactly("after");
            }
            try (KafkaConsumer<String, String> consumer = consumer(broker, "a-new-group")) {
                consumer.subscribe(List.of("restart-test"));
                assertThat(poll(consumer, 2)).as("the records from before the restart are kept")
                        .extracting(ConsumerRecord::key).containsExactly("before", "after");
            }
        }
    }

    @Test
    void stopAndRestartAreIdempotentAndAClosedBrokerStaysClosed() {
        KafkaBroker broker = KafkaBroker.start();
        try {
            broker.restart();
            assertThat(broker.isRunning()).isTrue();

            broker.stop();
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
        } finally {
            broker.close();
        }
        assertThatThrownBy(broker::restart).isInstanceOf(IllegalStateException.class);
    }

    private static void produce(KafkaBroker broker, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker broker, String groupId) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    /** Polls until {@code count} records have arrived, or the timeout. */
    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        return received;
    }

    private static void describeCluster(String bootstrapServers, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            admin.describeCluster().nodes().get(timeout.toMillis() * 5, TimeUnit.MILLISECONDS);
        }
    }
}
