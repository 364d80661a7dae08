package io.learnhub.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

class ErrorResponsesTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void bodyCarriesTheRequestsCorrelationAndTraceIds() {
        SpanContext spanContext = SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
        Context request = CorrelationId.withCorrelationId(Context.root(), "req-11").with(Span.wrap(spanContext));

        try (Scope ignored = request.makeCurrent()) {
            assertThat(ErrorResponses.body("not_member", "You are not a member of room 1"))
                    .isEqualTo(new ErrorBody("not_member", "You are not a member of room 1", "req-11", TRACE_ID));
        }
    }

    @Test
    void responseUsesTheExceptionsStatus() {
        var response = ErrorResponses.of(409, "amount_mismatch", "Paid 1.00 RUB, invoice is 49.00 RUB");
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(((ErrorBody) response.getEntity()).error()).isEqualTo("amount_mismatch");
    }
}
