package io.learnhub.report.payment;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.event.EventEnvelope;

/** Reads and checks the JSON value of a {@code payments.invoice-paid.v1} record. */
@ApplicationScoped
public class InvoicePaidEvents {

    public static final String TYPE = "payments.invoice-paid.v1";

    private static final TypeReference<EventEnvelope<InvoicePaid>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final Validator validator;

    InvoicePaidEvents(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The event in the record value; {@link InvalidEventException} when it is not a valid invoice-paid event. */
    public EventEnvelope<InvoicePaid> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("The record has no value");
        }
        EventEnvelope<InvoicePaid> event;
        try {
            event = json.readValue(value, ENVELOPE);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("The record value is not an invoice-paid event envelope", e);
        }
        if (!TYPE.equals(event.type())) {
            throw new InvalidEventException("Expected an event of type " + TYPE + ", got " + event.type());
        }
        String violations = validator.validate(event.data()).stream()
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        if (!violations.isEmpty()) {
            throw new InvalidEventException("Invalid invoice-paid data: " + violations);
        }
        return event;
    }
}
