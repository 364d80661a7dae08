package io.learnhub.chat.room;

import io.learnhub.common.error.ApiException;

/** 400 for a room request that is well-formed field by field but inconsistent as a whole. */
public class InvalidRoomException extends ApiException {

    public InvalidRoomException(String message) {
        super(400, "validation_failed", message);
    }
}
