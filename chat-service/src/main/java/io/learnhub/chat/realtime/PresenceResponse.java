package io.learnhub.chat.realtime;

import java.util.List;
import java.util.UUID;

/** Body of {@code GET /api/chat/rooms/{id}/presence}: the room's members online now, sorted. */
public record PresenceResponse(UUID roomId, List<String> onlineUserIds) {
}
