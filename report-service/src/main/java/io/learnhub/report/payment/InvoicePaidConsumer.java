package io.learnhub.report.payment;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.learnhub.common.event.EventEnvelope;
import io.learnhub.report.ReportTracing;
import io.learnhub.report.stats.PaidInvoice;
import io.learnhub.report.stats.StatsService;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Adds every paid invoice to its teacher's weekly stats. Quarkus runs this method in the context of
 * the Kafka consumer span (whose parent is the producer's span, read from the record headers), so
 * {@value ReportTracing#RECORD_INVOICE_PAID} and the database and Redis spans below it belong to
 * the payment's trace and carry its correlation id. A record that fails is nacked: the channel's
 * dead-letter-queue strategy moves it to {@code payments.invoice-paid.v1.dlq}.
 */
@ApplicationScoped
public class InvoicePaidConsumer {

    static final String CHANNEL = "invoice-paid-in";

    private static final Logger LOG = Logger.getLogger(InvoicePaidConsumer.class);

    private final InvoicePaidEvents events;
    private final StatsService stats;

    InvoicePaidConsumer(InvoicePaidEvents events, StatsService stats) {
        this.events = events;
        this.stats = stats;
    }

    @Incoming(CHANNEL)
    @WithSpan(ReportTracing.RECORD_INVOICE_PAID)
    public Uni<Void> onInvoicePaid(String value) {
        Span span = Span.current();
        // parsed inside the Uni, so that an invalid record fails the span and the message, not the call
        return Uni.createFrom().item(() -> events.parse(value))
                .invoke(event -> span
                        .setAttribute(ReportTracing.TEACHER_ID, event.data().teacherId())
                        .setAttribute(ReportTracing.INVOICE_ID, event.data().invoiceId().toString()))
                .flatMap(event -> stats.recordPaidInvoice(event.eventId(), paidInvoice(event)))
                .invoke(added -> span.setAttribute(ReportTracing.EVENT_DUPLICATE, !added))
                // the connector only logs that it dead-lettered a record; say why (never the value)
                .onFailure(InvalidEventException.class)
                .invoke(invalid -> LOG.warnf("Dead-lettering an invalid invoice-paid record: %s", invalid.getMessage()))
                .replaceWithVoid();
    }

    private static PaidInvoice paidInvoice(EventEnvelope<InvoicePaid> event) {
        InvoicePaid data = event.data();
        return new PaidInvoice(data.teacherId(), data.amount(), data.currency(), data.paidAt());
    }
}
