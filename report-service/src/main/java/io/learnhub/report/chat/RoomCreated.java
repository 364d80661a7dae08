package io.learnhub.report.chat;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The part of a chat.room-created.v1 event's data that report-service uses. {@code teacherId} is
 * the teacher whose room it is, null when the event names none (a course room an admin created is
 * then attributed through its course).
 */
public record RoomCreated(
        @NotNull UUID roomId,
        @NotBlank @Size(max = 16) String type,
        UUID courseId,
        @Size(min = 1, max = 64) String teacherId) {
}
