package io.learnhub.common.error;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.learnhub.common.correlation.CorrelationId;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Builds error responses with the correlation and trace ids of the current request. */
public final class ErrorResponses {

    private static final Map<Integer, String> SIZE_CODES = Map.of(413, "payload_too_large", 414, "uri_too_long", 431, "headers_too_large");

    private ErrorResponses() {
    }

    public static Response of(int status, String error, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(error, message))
                .build();
    }

    /**
     * Answers a request with the error body from a Vert.x route (before or outside Quarkus REST,
     * whose exception mappers do it there), unless an answer has already begun.
     */
    public static void end(RoutingContext routingContext, int status, String error, String message) {
        HttpServerResponse response = routingContext.response();
        if (response.headWritten()) {
            return;
        }
        ErrorBody body = body(error, message);
        if (body.correlationId() == null) {
            // refused before the correlation id was established (Vert.x-web fails a request whose
            // path it cannot decode before any route runs): one for this answer alone
            body = new ErrorBody(error, message, CorrelationId.mint(), body.traceId());
            response.putHeader(CorrelationId.HEADER, body.correlationId());
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .end(Json.encode(body));
    }

    /**
     * {@code not_found} for 404, {@code method_not_allowed} for 405...: the reason phrase as a code,
     * but for the sizes, whose codes are the gateway's and {@link RequestSizeLimits}'.
     */
    public static String codeOf(int status) {
        String sizeCode = SIZE_CODES.get(status);
        if (sizeCode != null) {
            return sizeCode;
        }
        Response.StatusType statusInfo = Response.Status.fromStatusCode(status);
        return statusInfo == null ? "http_" + status : statusInfo.getReasonPhrase().toLowerCase().replace(' ', '_');
    }

    public static ErrorBody body(String error, String message) {
        SpanContext spanContext = Span.current().getSpanContext();
        String traceId = spanContext.isValid() ? spanContext.getTraceId() : null;
        return new ErrorBody(error, message, CorrelationId.current().orElse(null), traceId);
    }
}
