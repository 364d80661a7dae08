package io.learnhub.common.error;

/**
 * The JSON body of every error response: a stable machine-readable {@code error} code, a message
 * for humans, and the ids an SRE needs to find the request's logs and trace.
 */
public record ErrorBody(String error, String message, String correlationId, String traceId) {
}
