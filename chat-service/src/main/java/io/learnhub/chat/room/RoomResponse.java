package io.learnhub.chat.room;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Room JSON: {@code {"id","name","type","courseId","memberIds":[…],"createdAt"}}. */
public record RoomResponse(UUID id, String name, RoomType type, UUID courseId, List<String> memberIds, Instant createdAt) {

    static RoomResponse of(Room room, List<String> memberIds) {
        return new RoomResponse(room.id, room.name, room.type, room.courseId, memberIds, room.createdAt);
    }
}
