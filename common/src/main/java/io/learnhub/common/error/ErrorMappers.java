package io.learnhub.common.error;

import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one family of exception mappers every service uses, so every error has the same body.
 * Client errors are answered with their own code; anything unexpected becomes a 500 whose cause is
 * logged and recorded on the current span, without leaking details to the caller.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    static final String UNAUTHORIZED = "A valid bearer token is required";
    static final String FORBIDDEN = "The caller's role does not allow this operation";
    static final String INTERNAL_ERROR = "An unexpected error occurred; quote the correlationId when reporting it";

    @ServerExceptionMapper
    public Response apiException(ApiException exception) {
        return ErrorResponses.of(exception.status(), exception.error(), exception.getMessage());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException exception) {
        String message = exception.getConstraintViolations().stream()
                .map(ErrorMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(400, "validation_failed", message);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException exception) {
        return ErrorResponses.of(400, "malformed_json", JsonInputProblems.describe(exception));
    }

    /**
     * A body of the wrong shape ({@code []} for an object), a field of the wrong type, an unknown
     * enum value or a malformed UUID. Declared for this subtype because Quarkus REST has a mapper of
     * its own for it, which answers a bare 400.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException exception) {
        return malformedJson(exception);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException exception) {
        return ErrorResponses.of(401, "unauthorized", UNAUTHORIZED);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return ErrorResponses.of(403, "forbidden", FORBIDDEN);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(exception);
        }
        if (exception.getCause() instanceof JsonProcessingException) {
            // Quarkus REST wraps body deserialization failures in a plain 400
            return malformedJson((JsonProcessingException) exception.getCause());
        }
        return ErrorResponses.of(status, ErrorResponses.codeOf(status), exception.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception) {
        LOG.error("Unexpected error while handling the request", exception);
        Span span = Span.current();
        span.recordException(exception);
        span.setStatus(StatusCode.ERROR, exception.getClass().getSimpleName());
        return ErrorResponses.of(500, "internal_error", INTERNAL_ERROR);
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // method-parameter paths look like "create.request.name": keep only the field
        String field = path.substring(path.lastIndexOf('.') + 1);
        return field + ": " + violation.getMessage();
    }
}
