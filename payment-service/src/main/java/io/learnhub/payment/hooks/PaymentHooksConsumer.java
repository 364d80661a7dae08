package io.learnhub.payment.hooks;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.learnhub.common.event.IncomingEvents;
import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.payment.invoice.InvoicePaid;
import io.learnhub.payment.tracing.PaymentSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * payment-service's own consumer of payments.invoice-paid.v1. Quarkus runs this method in the
 * context of the Kafka consumer span, whose parent is the producer span under {@code queue_hooks},
 * so {@value PaymentSpans#RUN_PAYMENT_HOOKS} and the email it sends belong to the webhook's trace.
 * A record that fails is nacked to payments.invoice-paid.v1.dlq.
 */
@ApplicationScoped
public class PaymentHooksConsumer {

    private final IncomingEvents events;
    private final PaymentHooks hooks;

    PaymentHooksConsumer(IncomingEvents events, PaymentHooks hooks) {
        this.events = events;
        this.hooks = hooks;
    }

    @Incoming("payment-hooks-in")
    @WithSpan(PaymentSpans.RUN_PAYMENT_HOOKS)
    public Uni<Void> onInvoicePaid(String value) {
        Span span = Span.current();
        return events.consume(value, Topics.INVOICE_PAID, InvoicePaid.class, event -> {
            span.setAttribute(SharedSpans.INVOICE_ID, event.data().invoiceId().toString())
                    .setAttribute(SharedSpans.USER_ID, event.data().studentId());
            return hooks.run(event)
                    .invoke(processed -> span.setAttribute(SharedSpans.EVENT_DUPLICATE, !processed))
                    .replaceWithVoid();
        });
    }
}
