package io.learnhub.chat.room;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Data of a chat.room-created.v1 event (key = room id); a record breaking these constraints is dead-lettered. */
public record RoomCreated(
        @NotNull UUID roomId,
        @NotNull RoomType type,
        UUID courseId,
        @NotBlank String createdBy,
        @NotEmpty List<@NotBlank String> memberIds) {
}
