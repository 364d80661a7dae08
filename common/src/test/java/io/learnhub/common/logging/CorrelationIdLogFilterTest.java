package io.learnhub.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

class CorrelationIdLogFilterTest {

    private final CorrelationIdLogFilter filter = new CorrelationIdLogFilter();

    @Test
    void putsTheCurrentCorrelationIdIntoTheRecordsMdc() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "hello", getClass().getName());
        try (Scope ignored = CorrelationId.withCorrelationId(Context.root(), "req-5").makeCurrent()) {
            assertThat(filter.isLoggable(record)).isTrue();
        }
        assertThat(record.getMdc(CorrelationId.MDC_KEY)).isEqualTo("req-5");
    }

    @Test
    void logsRecordsOutsideAnyRequestUnchanged() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "startup", getClass().getName());
        assertThat(filter.isLoggable(record)).isTrue();
        assertThat(record.getMdc(CorrelationId.MDC_KEY)).isNull();
    }
}
