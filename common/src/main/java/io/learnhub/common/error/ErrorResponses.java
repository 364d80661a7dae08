package io.learnhub.common.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** Builds error responses with the correlation and trace ids of the current request. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response of(int status, String error, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(error, message))
                .build();
    }

    public static ErrorBody body(String error, String message) {
        SpanContext spanContext = Span.current().getSpanContext();
        String traceId = spanContext.isValid() ? spanContext.getTraceId() : null;
        return new ErrorBody(error, message, CorrelationId.current().orElse(null), traceId);
    }
}
