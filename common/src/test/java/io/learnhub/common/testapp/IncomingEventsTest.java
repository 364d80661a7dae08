package io.learnhub.common.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.event.IncomingEvents;
import io.learnhub.common.event.InvalidEventException;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** How every consumer reads records: what is accepted, what goes to the dead-letter topic, in which context it runs. */
@QuarkusTest
class IncomingEventsTest {

    private static final String TYPE = "test.thing-done.v1";

    public record ThingDone(@NotBlank String thingId) {
    }

    @Inject
    IncomingEvents events;

    @Test
    void validEventIsReadWithItsData() {
        UUID eventId = UUID.randomUUID();

        var event = events.read(envelope(eventId, TYPE, "corr-1", "{\"thingId\":\"t-1\"}"), TYPE, ThingDone.class);

        assertThat(event.eventId()).isEqualTo(eventId);
        assertThat(event.correlationId()).isEqualTo("corr-1");
        assertThat(event.data()).isEqualTo(new ThingDone("t-1"));
    }

    @Test
    void eventOfAnotherTypeIsInvalid() {
        String value = envelope(UUID.randomUUID(), "test.other.v1", "corr-2", "{\"thingId\":\"t-1\"}");

        assertThatThrownBy(() -> events.read(value, TYPE, ThingDone.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("test.other.v1");
    }

    @Test
    void dataThatFailsValidationIsInvalidAndNamesTheField() {
        String value = envelope(UUID.randomUUID(), TYPE, "corr-3", "{\"thingId\":\"\"}");

        assertThatThrownBy(() -> events.read(value, TYPE, ThingDone.class))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("thingId");
    }

    @Test
    void valuesThatAreNoEnvelopeAreInvalid() {
        for (String value : new String[] { null, "", "not json", "null", "{\"eventId\":\"" + UUID.randomUUID() + "\"}" }) {
            assertThatThrownBy(() -> events.read(value, TYPE, ThingDone.class)).as(value).isInstanceOf(InvalidEventException.class);
        }
    }

    @Test
    void recordWithoutCorrelationBaggageIsAppliedUnderTheEnvelopesId() {
        AtomicReference<String> seen = new AtomicReference<>();

        events.consume(envelope(UUID.randomUUID(), TYPE, "from-envelope", "{\"thingId\":\"t-1\"}"), TYPE, ThingDone.class,
                event -> Uni.createFrom().item(() -> {
                    seen.set(CorrelationId.current().orElse(null));
                    return null;
                })).await().atMost(Duration.ofSeconds(5));

        assertThat(seen.get()).isEqualTo("from-envelope");
    }

    @Test
    void correlationIdOfTheRecordWinsOverTheEnvelopes() {
        AtomicReference<String> seen = new AtomicReference<>();

        try (Scope ignored = CorrelationId.withCorrelationId(Context.root(), "from-record").makeCurrent()) {
            events.consume(envelope(UUID.randomUUID(), TYPE, "from-envelope", "{\"thingId\":\"t-1\"}"), TYPE, ThingDone.class,
                    event -> Uni.createFrom().item(() -> {
                        seen.set(CorrelationId.current().orElse(null));
                        return null;
                    })).await().atMost(Duration.ofSeconds(5));
        }

        assertThat(seen.get()).isEqualTo("from-record");
    }

    @Test
    void invalidRecordFailsTheMessage() {
        Uni<Void> consumed = events.consume("not json", TYPE, ThingDone.class, event -> Uni.createFrom().voidItem());

        assertThatThrownBy(() -> consumed.await().atMost(Duration.ofSeconds(5))).isInstanceOf(InvalidEventException.class);
    }

    private static String envelope(UUID eventId, String type, String correlationId, String data) {
        return """
                {"eventId":"%s","type":"%s","occurredAt":"2026-01-05T10:15:30.123456Z","correlationId":"%s","data":%s}"""
                .formatted(eventId, type, correlationId, data);
    }
}
