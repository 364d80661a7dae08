package io.learnhub.common.event;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * How every consumer reads a record: the value is read as a String (a deserializer failure would
 * never reach the dead-letter topic), parsed into an {@link EventEnvelope}, checked for the
 * expected type, its data validated with Bean Validation, and applied in the envelope's
 * {@linkplain EventEnvelope#correlated correlated} context. An invalid record goes to the
 * channel's dead-letter topic at once; any other failure (PostgreSQL restarting, a lost connection)
 * is taken as transient and the work is tried again with a doubling backoff
 * ({@code learnhub.events.retry.*}; each retry logged and counted) before the record is dead-lettered. Meanwhile the partition
 * waits, so the records behind it keep their order. The work is idempotent by event id, so a retry
 * after a failure that had in fact committed changes nothing. Every dead-lettered record leaves a
 * log line that says why (never the value, which may hold personal data).
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final MeterRegistry registry;
    private final Map<String, Counter> retryCounters = new ConcurrentHashMap<>();
    private final int attempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    /**
     * The defaults try a record 8 times over about 35 s: longer than a database failover, shorter
     * than the Kafka connector's 60 s limit on a record waiting for its acknowledgement.
     */
    public IncomingEvents(ObjectMapper objectMapper, Validator validator, MeterRegistry registry,
            @ConfigProperty(name = "learnhub.events.retry.attempts", defaultValue = "8") int attempts,
            @ConfigProperty(name = "learnhub.events.retry.initial-backoff", defaultValue = "500ms") Duration initialBackoff,
            @ConfigProperty(name = "learnhub.events.retry.max-backoff", defaultValue = "10s") Duration maxBackoff) {
        this.objectMapper = objectMapper;
        this.validator = validator;
        this.registry = registry;
        this.attempts = attempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Reads, checks and applies one record value, retrying transient failures. Returned to Quarkus
     * Messaging: a failure nacks the record (dead-letter strategy), success acknowledges it.
     */
    public <T> Uni<Void> consume(String value, String type, Class<T> dataType, Function<EventEnvelope<T>, Uni<Void>> apply) {
        Counter retries = retries(type);
        AtomicInteger attempt = new AtomicInteger();
        // read inside the Uni: an invalid record fails the message (and the current span), not the call
        Uni<Void> once = Uni.createFrom().item(() -> read(value, type, dataType))
                .chain(event -> inCorrelatedContext(event, apply))
                .onFailure(IncomingEvents::isTransient).invoke(failure -> {
                    if (attempt.incrementAndGet() < attempts) {
                        retries.increment();
                        LOG.warnf("Could not apply a %s record (attempt %d of %d), trying again: %s", type, attempt.get(),
                                attempts, failure);
                    }
                });
        Uni<Void> retried = attempts < 2 ? once
                : once.onFailure(IncomingEvents::isTransient).retry().withBackOff(initialBackoff, maxBackoff).atMost(attempts - 1L);
        return retried
                .onFailure(InvalidEventException.class).invoke(invalid -> LOG.warnf("Dead-lettering a %s record: %s", type,
                        invalid.getMessage()))
                .onFailure(IncomingEvents::isTransient).invoke(failure -> LOG.errorf(failure,
                        "Could not apply a %s record after %d attempts; it goes to the dead-letter topic", type, attempts));
    }

    /**
     * {@code learnhub_events_retries_total{topic}}: records tried again after a transient failure;
     * exported at 0 from a topic's first record on, so an alert's increase() sees the first retries.
     */
    private Counter retries(String topic) {
        return retryCounters.computeIfAbsent(topic, name -> Counter.builder("learnhub.events.retries")
                .description("Consumed records tried again after a failure that was not the record's fault")
                .tag("topic", name)
                .register(registry));
    }

    private static boolean isTransient(Throwable failure) {
        return !(failure instanceof InvalidEventException);
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
        return ReactiveSpans.withCurrent(correlated, () -> apply.apply(event));
    }
}
