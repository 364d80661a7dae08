package io.learnhub.report.stats;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.learnhub.common.event.IncomingEvents;
import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.report.tracing.ReportSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Adds every paid invoice to its teacher's weekly stats and emails the teacher about the new
 * student. Quarkus runs this method in the context of the Kafka consumer span, whose parent is the
 * producer's span (read from the record headers), so {@value ReportSpans#RECORD_INVOICE_PAID} and
 * the database, Redis and {@code send_email} spans below it belong to the payment's trace and
 * carry its correlation id. A record that fails is nacked: the channel's
 * dead-letter strategy moves it to payments.invoice-paid.v1.dlq.
 */
@ApplicationScoped
public class InvoicePaidConsumer {

    private final IncomingEvents events;
    private final StatsService stats;

    InvoicePaidConsumer(IncomingEvents events, StatsService stats) {
        this.events = events;
        this.stats = stats;
    }

    @Incoming("invoice-paid-in")
    @WithSpan(ReportSpans.RECORD_INVOICE_PAID)
    public Uni<Void> onInvoicePaid(String value) {
        Span span = Span.current();
        return events.consume(value, Topics.INVOICE_PAID, InvoicePaid.class, event -> {
            span.setAttribute(SharedSpans.TEACHER_ID, event.data().teacherId())
                    .setAttribute(SharedSpans.INVOICE_ID, event.data().invoiceId().toString());
            return stats.recordPaidInvoice(event.eventId(), event.data())
                    .invoke(added -> span.setAttribute(SharedSpans.EVENT_DUPLICATE, !added))
                    .replaceWithVoid();
        });
    }
}
