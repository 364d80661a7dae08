package io.learnhub.chat.tracing;

import org.junit.jupiter.api.Test;

import io.learnhub.testing.SpanCatalogue;

/** docs/architecture.md lists exactly the spans, events and attributes ChatSpans declares. */
class ChatSpansCatalogueTest {

    @Test
    void catalogueDescribesChatSpans() {
        SpanCatalogue.read().assertDescribes("chat-service", ChatSpans.class);
    }
}
