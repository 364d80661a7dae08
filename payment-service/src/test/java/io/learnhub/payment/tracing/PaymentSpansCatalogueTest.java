package io.learnhub.payment.tracing;

import org.junit.jupiter.api.Test;

import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.testing.SpanCatalogue;

/**
 * docs/architecture.md lists exactly the spans, events and attributes PaymentSpans declares, and
 * the span of common's mail outbox that payment-service starts.
 */
class PaymentSpansCatalogueTest {

    @Test
    void catalogueDescribesPaymentSpans() {
        SpanCatalogue.read().assertDescribes("payment-service", PaymentSpans.class, SharedSpans.SEND_EMAIL);
    }
}
