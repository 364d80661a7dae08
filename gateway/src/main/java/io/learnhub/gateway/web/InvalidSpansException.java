package io.learnhub.gateway.web;

import io.learnhub.common.error.ApiException;

/** A request to {@code POST /web/v1/traces} that is not OTLP/JSON the gateway relays. */
public class InvalidSpansException extends ApiException {

    public InvalidSpansException(String message) {
        this("validation_failed", message);
    }

    private InvalidSpansException(String error, String message) {
        super(400, error, message);
    }

    /** A body that is not JSON at all. */
    static InvalidSpansException malformed() {
        return new InvalidSpansException("malformed_json", "The body is not JSON: expected OTLP/JSON, {\"resourceSpans\":[…]}");
    }
}
