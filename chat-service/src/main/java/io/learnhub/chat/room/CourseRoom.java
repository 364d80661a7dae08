package io.learnhub.chat.room;

import io.learnhub.common.outbox.OutboxEvent;

/**
 * A course's COURSE room; {@code roomCreated} is the chat.room-created.v1 event queued when this
 * call created the room, null when the room already existed.
 */
public record CourseRoom(Room room, OutboxEvent roomCreated) {

    public boolean created() {
        return roomCreated != null;
    }
}
