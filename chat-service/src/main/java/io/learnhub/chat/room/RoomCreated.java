package io.learnhub.chat.room;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * Data of a chat.room-created.v1 event (key = room id); a record breaking these constraints is
 * dead-lettered. {@code teacherId} is the teacher whose room it is: the course's teacher for a
 * course room chat-service created, the creator when a teacher created it; null otherwise (a
 * course room an admin created is attributed through its course by whoever needs a teacher).
 */
public record RoomCreated(
        @NotNull UUID roomId,
        @NotNull RoomType type,
        UUID courseId,
        @NotBlank String createdBy,
        String teacherId,
        @NotEmpty List<@NotBlank String> memberIds) {
}
