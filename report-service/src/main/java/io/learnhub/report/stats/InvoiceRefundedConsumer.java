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
 * Adds every refund to its teacher's weekly stats, in the refund's trace (the Kafka consumer span
 * is the child of payment-service's producer span). A record that cannot be applied goes to
 * payments.refunded.v1.dlq.
 */
@ApplicationScoped
public class InvoiceRefundedConsumer {

    private final IncomingEvents events;
    private final StatsService stats;

    InvoiceRefundedConsumer(IncomingEvents events, StatsService stats) {
        this.events = events;
        this.stats = stats;
    }

    @Incoming("refunded-in")
    @WithSpan(ReportSpans.RECORD_REFUND)
    public Uni<Void> onInvoiceRefunded(String value) {
        Span span = Span.current();
        return events.consume(value, Topics.INVOICE_REFUNDED, InvoiceRefunded.class, event -> {
            span.setAttribute(SharedSpans.TEACHER_ID, event.data().teacherId())
                    .setAttribute(SharedSpans.INVOICE_ID, event.data().invoiceId().toString());
            return stats.recordRefund(event.eventId(), event.data())
                    .invoke(added -> span.setAttribute(SharedSpans.EVENT_DUPLICATE, !added))
                    .replaceWithVoid();
        });
    }
}
