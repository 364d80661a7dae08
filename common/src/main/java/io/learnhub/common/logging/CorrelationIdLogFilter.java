package io.learnhub.common.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.learnhub.common.correlation.CorrelationId;
import io.quarkus.logging.LoggingFilter;

/**
 * Puts the correlation id of the current request or Kafka message into each log record's MDC as
 * {@value CorrelationId#MDC_KEY}, read from the OpenTelemetry baggage at the moment of logging.
 * Reading it at log time, rather than copying it into the MDC at the entry, makes it right on
 * every thread a reactive pipeline hops to, and for Kafka consumers as well as HTTP requests.
 */
@LoggingFilter(name = CorrelationIdLogFilter.NAME)
public final class CorrelationIdLogFilter implements Filter {

    public static final String NAME = "correlation-id";

    @Override
    public boolean isLoggable(LogRecord logRecord) {
        if (logRecord instanceof ExtLogRecord extLogRecord) {
            CorrelationId.current().ifPresent(id -> extLogRecord.putMdc(CorrelationId.MDC_KEY, id));
        }
        return true;
    }
}
