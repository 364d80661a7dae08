package io.learnhub.report.tracing;

import org.junit.jupiter.api.Test;

import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.testing.SpanCatalogue;

/** docs/architecture.md lists exactly the spans, events and attributes ReportSpans declares. */
class ReportSpansCatalogueTest {

    @Test
    void catalogueDescribesReportSpans() {
        SpanCatalogue.read().assertDescribes("report-service", ReportSpans.class, SharedSpans.SEND_EMAIL);
    }
}
