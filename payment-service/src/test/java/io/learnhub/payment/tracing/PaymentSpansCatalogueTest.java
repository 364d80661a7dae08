package io.learnhub.payment.tracing;

import org.junit.jupiter.api.Test;

import io.learnhub.testing.SpanCatalogue;

/** docs/architecture.md lists exactly the spans, events and attributes PaymentSpans declares. */
class PaymentSpansCatalogueTest {

    @Test
    void catalogueDescribesPaymentSpans() {
        SpanCatalogue.read().assertDescribes("payment-service", PaymentSpans.class);
    }
}
