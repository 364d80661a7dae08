package io.learnhub.chat.room;

import java.util.UUID;

import io.learnhub.common.error.ApiException;

/** 409: a course has one COURSE room, and it already exists. */
public class RoomExistsException extends ApiException {

    public RoomExistsException(UUID courseId) {
        super(409, "room_exists", "Course " + courseId + " already has a COURSE room");
    }
}
