package io.learnhub.common.tracing;

import org.junit.jupiter.api.Test;

import io.learnhub.testing.SpanCatalogue;

/** docs/architecture.md's shared attributes are exactly those common declares. */
class SharedSpansCatalogueTest {

    @Test
    void catalogueListsExactlyTheSharedAttributes() {
        SpanCatalogue.read().assertSharedAttributes(SharedSpans.class);
    }
}
