package io.learnhub.chat.room;

import java.util.List;
import java.util.UUID;

/** Data of a chat.room-created.v1 event (key = room id). */
public record RoomCreated(UUID roomId, RoomType type, UUID courseId, String createdBy, List<String> memberIds) {
}
