package io.learnhub.chat.room;

import io.learnhub.common.error.ApiException;

/**
 * 403: a course's COURSE room belongs to its teacher. chat-service creates it for them when the
 * first student pays; through the API only an admin may create one.
 */
public class CourseRoomReservedException extends ApiException {

    public CourseRoomReservedException() {
        super(403, "forbidden", "Only an admin may create a COURSE room: a course's room is created for its teacher"
                + " when the first student pays");
    }
}
