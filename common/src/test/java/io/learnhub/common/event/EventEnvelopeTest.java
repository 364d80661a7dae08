package io.learnhub.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

class EventEnvelopeTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:15:30.123456Z");

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void createdEnvelopeCarriesTheCurrentCorrelationId() {
        try (Scope ignored = CorrelationId.withCorrelationId(Context.root(), "req-9").makeCurrent()) {
            EventEnvelope<Map<String, String>> envelope = EventEnvelope.create("test.thing-done.v1", Map.of("id", "1"), NOW);
            assertThat(envelope.correlationId()).isEqualTo("req-9");
            assertThat(envelope.eventId()).isNotNull();
            assertThat(envelope.occurredAt()).isEqualTo(NOW);
        }
    }

    @Test
    void serializesToTheContractShapeAndBack() throws Exception {
        EventEnvelope<Map<String, String>> envelope = EventEnvelope.create("test.thing-done.v1", Map.of("id", "1"), NOW);

        String json = mapper.writeValueAsString(envelope);
        JsonNode tree = mapper.readTree(json);
        assertThat(tree.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("eventId", "type", "occurredAt", "correlationId", "data");
        assertThat(tree.get("occurredAt").isTextual()).isTrue();

        EventEnvelope<Map<String, String>> back = mapper.readValue(json, new TypeReference<>() {
        });
        assertThat(back).isEqualTo(envelope);
    }

    @Test
    void kafkaMessageIsKeyedAndCarriesTheCorrelationHeader() {
        EventEnvelope<String> envelope = new EventEnvelope<>(UUID.randomUUID(), "t.v1", NOW, "req-3", "payload");

        Message<EventEnvelope<String>> message = KafkaRecords.keyed("invoice-1", envelope);

        assertThat(message.getPayload()).isSameAs(envelope);
        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(metadata.getKey()).isEqualTo("invoice-1");
        Header header = metadata.getHeaders().lastHeader(CorrelationId.HEADER);
        assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("req-3");
    }

    @Test
    void correlatedContextTakesTheEnvelopesIdWhenTheContextHasNone() {
        EventEnvelope<String> envelope = new EventEnvelope<>(UUID.randomUUID(), "t.v1", NOW, "from-envelope", "payload");

        assertThat(CorrelationId.from(envelope.correlated(Context.root()))).contains("from-envelope");
    }

    @Test
    void correlatedContextKeepsTheIdTheContextAlreadyCarries() {
        EventEnvelope<String> envelope = new EventEnvelope<>(UUID.randomUUID(), "t.v1", NOW, "from-envelope", "payload");
        Context fromRecord = CorrelationId.withCorrelationId(Context.root(), "from-record");

        assertThat(envelope.correlated(fromRecord)).isSameAs(fromRecord);
    }

    @Test
    void correlatedContextIgnoresAnUnacceptableEnvelopeId() {
        EventEnvelope<String> envelope = new EventEnvelope<>(UUID.randomUUID(), "t.v1", NOW, "not acceptable!", "payload");

        assertThat(CorrelationId.from(envelope.correlated(Context.root()))).isEmpty();
    }
}
