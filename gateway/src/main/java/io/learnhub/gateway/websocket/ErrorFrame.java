package io.learnhub.gateway.websocket;

import io.learnhub.common.error.ApiException;

/**
 * The text frame that tells a WebSocket client why the gateway is about to close its socket:
 * {@code {"type":"error","error","message","correlationId"}}, the same code and message an HTTP
 * caller would get in the error body for the same failure.
 */
public record ErrorFrame(String type, String error, String message, String correlationId) {

    static final String TYPE = "error";

    static ErrorFrame of(ApiException failure, String correlationId) {
        return new ErrorFrame(TYPE, failure.error(), failure.getMessage(), correlationId);
    }
}
