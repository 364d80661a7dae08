package io.learnhub.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.learnhub.common.event.Topics;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.SpanCatalogue;
import io.learnhub.testing.TraceTree;

/** docs/architecture.md's shared attributes are exactly those common declares, and it lists common's shared spans. */
class SharedSpansCatalogueTest {

    @Test
    void catalogueListsExactlyTheSharedAttributesAndEverySharedSpan() {
        SpanCatalogue.read().assertShared(SharedSpans.class);
    }

    /** The testing module depends on no other module, so it names these again: they must stay the same. */
    @Test
    void testingNamesTheSameKeyAndTopic() {
        assertThat(TraceTree.CORRELATION_ID).isEqualTo(SharedSpans.CORRELATION_ID);
        assertThat(InvoicePaidRecord.TYPE).isEqualTo(Topics.INVOICE_PAID);
    }
}
