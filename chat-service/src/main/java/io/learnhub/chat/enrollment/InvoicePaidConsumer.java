package io.learnhub.chat.enrollment;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.learnhub.common.event.IncomingEvents;
import io.learnhub.common.event.Topics;
import io.smallrye.mutiny.Uni;

/**
 * Consumes payments.invoice-paid.v1. Quarkus runs this method in the context of the Kafka
 * consumer span, which continues the producer's trace and carries its correlation id baggage, so
 * every span and log line of the enrollment belongs to the payment's trace. A record that cannot
 * be applied is nacked and lands on the dead-letter topic.
 */
@ApplicationScoped
public class InvoicePaidConsumer {

    private final IncomingEvents events;
    private final CourseRoomEnrollment enrollment;

    public InvoicePaidConsumer(IncomingEvents events, CourseRoomEnrollment enrollment) {
        this.events = events;
        this.enrollment = enrollment;
    }

    @Incoming("invoice-paid-in")
    public Uni<Void> consume(String value) {
        return events.consume(value, Topics.INVOICE_PAID, InvoicePaid.class, enrollment::enroll);
    }
}
