package io.learnhub.common.event;

import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * How every consumer reads a record: the value is read as a String (a deserializer failure would
 * never reach the dead-letter topic), parsed into an {@link EventEnvelope}, checked for the
 * expected type, its data validated with Bean Validation, and applied in the envelope's
 * {@linkplain EventEnvelope#correlated correlated} context. A record that fails goes to the
 * channel's dead-letter topic with a log line that says why (never the value, which may hold
 * personal data).
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private final ObjectMapper objectMapper;
    private final Validator validator;

    public IncomingEvents(ObjectMapper objectMapper, Validator validator) {
        this.objectMapper = objectMapper;
        this.validator = validator;
    }

    /**
     * Reads, checks and applies one record value. Returned to Quarkus Messaging: a failure nacks
     * the record (dead-letter strategy), success acknowledges it.
     */
    public <T> Uni<Void> consume(String value, String type, Class<T> dataType, Function<EventEnvelope<T>, Uni<Void>> apply) {
        // read inside the Uni: an invalid record fails the message (and the current span), not the call
        return Uni.createFrom().item(() -> read(value, type, dataType))
                .chain(event -> inCorrelatedContext(event, apply))
                .onFailure(InvalidEventException.class).invoke(invalid -> LOG.warnf("Dead-lettering a %s record: %s", type,
                        invalid.getMessage()))
                .onFailure(failure -> !(failure instanceof InvalidEventException)).invoke(failure -> LOG.errorf(failure,
                        "Could not apply a %s record; it goes to the dead-letter topic", type));
    }

    /** The event in a record value; {@link InvalidEventException} unless it is a valid event of {@code type}. */
    public <T> EventEnvelope<T> read(String value, String type, Class<T> dataType) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("The record has no value");
        }
        JavaType envelopeType = objectMapper.getTypeFactory().constructParametricType(EventEnvelope.class, dataType);
        EventEnvelope<T> event;
        try {
            event = objectMapper.readValue(value, envelopeType);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("The record value is not a " + type + " event envelope", e);
        }
        if (event == null) {
            throw new InvalidEventException("The record value is JSON null");
        }
        if (!type.equals(event.type())) {
            throw new InvalidEventException("Expected an event of type " + type + ", got " + event.type() + " (event "
                    + event.eventId() + ")");
        }
        String violations = validator.validate(event.data()).stream()
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        if (!violations.isEmpty()) {
            throw new InvalidEventException("Invalid data in event " + event.eventId() + ": " + violations);
        }
        return event;
    }

    private static <T> Uni<Void> inCorrelatedContext(EventEnvelope<T> event, Function<EventEnvelope<T>, Uni<Void>> apply) {
        Context current = Context.current();
        Context correlated = event.correlated(current);
        if (correlated == current) {
            return apply.apply(event);
        }
        // a consumer method's own span (@WithSpan) started without the id: give it the envelope's. The
        // Kafka consumer span has ended by now and keeps none: the record came from outside the suite
        Span.current().setAttribute(SharedSpans.CORRELATION_ID, event.correlationId());
        return Uni.createFrom().deferred(() -> {
            Scope scope = correlated.makeCurrent();
            Uni<Void> applied;
            try {
                applied = apply.apply(event);
            } catch (RuntimeException e) {
                scope.close();
                return Uni.createFrom().failure(e);
            }
            return applied.onTermination().invoke(scope::close);
        });
    }
}
