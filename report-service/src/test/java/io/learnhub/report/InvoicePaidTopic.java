package io.learnhub.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Plays payment-service in the tests: writes {@code payments.invoice-paid.v1} records with a plain
 * KafkaProducer, with or without trace headers, and reads the dead-letter topic back.
 */
public final class InvoicePaidTopic implements AutoCloseable {

    public static final String TOPIC = "payments.invoice-paid.v1";
    public static final String DLQ = TOPIC + ".dlq";

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public InvoicePaidTopic(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** The JSON value payment-service publishes for a paid invoice. */
    public static String event(UUID eventId, UUID invoiceId, String teacherId, String amount, Instant paidAt) {
        return """
                {"eventId":"%s","type":"payments.invoice-paid.v1","occurredAt":"%s","correlationId":"test-%s",
                 "data":{"invoiceId":"%s","paymentId":"pay-%s","studentId":"2001",
                         "courseId":"c0ffee00-0000-4000-8000-000000000001","teacherId":"%s",
                         "amount":"%s","currency":"RUB","paidAt":"%s"}}"""
                .formatted(eventId, paidAt, eventId, invoiceId, invoiceId, teacherId, amount, paidAt);
    }

    public void send(String key, String value) {
        send(key, value, Map.of());
    }

    /** Sends the record with the given headers and waits for the broker's acknowledgement. */
    public void send(String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, value);
        headers.forEach((name, headerValue) -> record.headers()
                .add(new RecordHeader(name, headerValue.getBytes(StandardCharsets.UTF_8))));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Producing to " + TOPIC + " failed", e);
        }
    }

    /** Waits for a record matching the filter on the dead-letter topic. */
    public ConsumerRecord<String, String> awaitDeadLetter(Predicate<ConsumerRecord<String, String>> filter) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(DLQ));
            List<ConsumerRecord<String, String>> matching = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (filter.test(record)) {
                        matching.add(record);
                    }
                });
                return !matching.isEmpty();
            });
            return matching.get(0);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
