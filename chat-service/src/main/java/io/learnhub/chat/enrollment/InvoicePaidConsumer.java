package io.learnhub.chat.payment;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.event.EventEnvelope;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@value InvoicePaid#TYPE}. Quarkus runs this method in the context of the Kafka
 * consumer span, which continues the producer's trace and carries its correlation id baggage, so
 * every span and log line of the enrollment belongs to the payment's trace. A record that cannot
 * be applied is nacked and lands on the dead-letter topic.
 */
@ApplicationScoped
public class InvoicePaidConsumer {

    private static final Logger LOG = Logger.getLogger(InvoicePaidConsumer.class);
    private static final TypeReference<EventEnvelope<InvoicePaid>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper objectMapper;
    private final CourseRoomEnrollment enrollment;

    public InvoicePaidConsumer(ObjectMapper objectMapper, CourseRoomEnrollment enrollment) {
        this.objectMapper = objectMapper;
        this.enrollment = enrollment;
    }

    @Incoming("invoice-paid-in")
    public Uni<Void> consume(String value) {
        return Uni.createFrom().item(() -> parse(value)).chain(event -> {
            if (!InvoicePaid.TYPE.equals(event.type())) {
                LOG.warnf("Ignoring event %s of unexpected type %s", event.eventId(), event.type());
                return Uni.createFrom().voidItem();
            }
            return withCorrelationId(event, () -> enrollment.enroll(event));
        }).onFailure().invoke(failure -> LOG.errorf(failure, "Could not apply a %s record; it goes to the dead-letter topic",
                InvoicePaid.TYPE));
    }

    /**
     * Runs the work with the event's correlation id in the baggage when the record's headers did
     * not bring one (a producer that lost its request context, e.g. an outbox relay), so that the
     * enrollment's spans and log lines still carry it.
     */
    private static Uni<Void> withCorrelationId(EventEnvelope<?> event, Supplier<Uni<Void>> work) {
        if (CorrelationId.current().isPresent() || !CorrelationId.isAcceptable(event.correlationId())) {
            return work.get();
        }
        return Uni.createFrom().deferred(() -> {
            Scope scope = CorrelationId.withCorrelationId(Context.current(), event.correlationId()).makeCurrent();
            return work.get().onTermination().invoke(scope::close);
        });
    }

    private EventEnvelope<InvoicePaid> parse(String value) {
        try {
            return objectMapper.readValue(value, ENVELOPE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Malformed " + InvoicePaid.TYPE + " record", e);
        }
    }
}
