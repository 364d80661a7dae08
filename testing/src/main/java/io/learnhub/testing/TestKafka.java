package io.learnhub.testing;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain Kafka clients against the real test broker, playing the other services' part: sends
 * records with the headers a test chooses, reads topics from their beginning, and tells when a
 * consumer group has processed a record. One instance (and one producer) per broker address.
 */
public final class TestKafka {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Map<String, TestKafka> BY_BOOTSTRAP_SERVERS = new ConcurrentHashMap<>();

    private final String bootstrapServers;
    private volatile KafkaProducer<String, String> producer;

    private TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static TestKafka at(String bootstrapServers) {
        return BY_BOOTSTRAP_SERVERS.computeIfAbsent(bootstrapServers, TestKafka::new);
    }

    /** The broker of the application under test: its {@code kafka.bootstrap.servers}. */
    public static TestKafka ofApplication() {
        return at(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public RecordMetadata send(String topic, String key, String value) {
        return send(topic, key, value, Map.of());
    }

    /** Sends a record with the given headers and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer().send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Producing to " + topic + " failed", e);
        }
    }

    /** Waits for a record of the topic, read from its beginning, that matches. */
    public ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> matching) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            return await(topic + " record").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (consumer.assignment().isEmpty()) {
                    List<TopicPartition> partitions = partitions(consumer, topic, Duration.ofSeconds(1));
                    if (partitions.isEmpty()) {
                        return null;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(matching).findFirst().orElse(null);
            }, found -> found != null);
        }
    }

    /** Every record of the topic up to its current end; none when the topic does not exist yet. */
    public List<ConsumerRecord<String, String>> records(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic, Duration.ofSeconds(5));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await(topic + " read to its end").atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
            return records;
        }
    }

    public List<ConsumerRecord<String, String>> recordsWithKey(String topic, String key) {
        return records(topic).stream().filter(record -> key.equals(record.key())).toList();
    }

    /** Waits until the topic holds exactly one record with this key, and returns it. */
    public ConsumerRecord<String, String> awaitOnlyRecord(String topic, String key) {
        return await(topic + " record " + key).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> recordsWithKey(topic, key), records -> records.size() == 1)
                .get(0);
    }

    /** Waits until the consumer group has committed past the given record, i.e. has processed it. */
    public void awaitProcessed(String groupId, RecordMetadata record) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(config)) {
            await(groupId + " past offset " + record.offset()).atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    /** The last value of a record header as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties config = new Properties();
                    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    producer = new KafkaProducer<>(config);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(2))));
                }
            }
        }
        return producer;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null) {
            return List.of();
        }
        return partitions.stream().map(partition -> new TopicPartition(topic, partition.partition())).toList();
    }
}
