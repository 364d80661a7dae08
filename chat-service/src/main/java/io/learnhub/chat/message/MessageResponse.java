package io.learnhub.chat.message;

import java.time.Instant;
import java.util.UUID;

/** Message JSON: {@code {"id","roomId","senderId","kind","body","createdAt"}}, {@code senderId} null for SYSTEM. */
public record MessageResponse(UUID id, UUID roomId, String senderId, MessageKind kind, String body, Instant createdAt) {

    public static MessageResponse of(ChatMessage message) {
        return new MessageResponse(message.id, message.roomId, message.senderId, message.kind, message.body,
                message.createdAt);
    }
}
