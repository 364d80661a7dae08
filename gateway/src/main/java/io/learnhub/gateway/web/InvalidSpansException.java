package io.learnhub.gateway.web;

import io.learnhub.common.error.ApiException;

/** A request to {@code POST /web/v1/traces} that is not OTLP/JSON the gateway relays. */
public class InvalidSpansException extends ApiException {

    public InvalidSpansException(String message) {
        super(400, "validation_failed", message);
    }
}
