package io.learnhub.chat.realtime;

import io.learnhub.common.error.ApiException;

/** A client frame that cannot be read: answered with an {@code error} frame {@code invalid_frame}, the socket stays open. */
public class InvalidFrameException extends ApiException {

    public InvalidFrameException(String message) {
        super(400, "invalid_frame", message);
    }
}
