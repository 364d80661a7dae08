package io.learnhub.chat.room;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/chat/rooms}. The caller always becomes a member, whether or not listed
 * in {@code memberIds}. Rules spanning several fields (a COURSE room names its course, a DIRECT
 * room has exactly one member besides the caller) are checked by {@link RoomService}.
 */
public record CreateRoomRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull RoomType type,
        UUID courseId,
        @Size(max = RoomService.MAX_MEMBERS) List<@NotBlank @Size(max = 64) String> memberIds) {

    public List<String> memberIdsOrEmpty() {
        return memberIds == null ? List.of() : memberIds;
    }
}
