package io.learnhub.gateway.tracing;

import org.junit.jupiter.api.Test;

import io.learnhub.testing.SpanCatalogue;

/** docs/architecture.md lists exactly the spans the gateway's own code starts. */
class GatewaySpansCatalogueTest {

    @Test
    void catalogueDescribesGatewaySpans() {
        SpanCatalogue.read().assertDescribes("gateway", GatewaySpans.class);
    }
}
