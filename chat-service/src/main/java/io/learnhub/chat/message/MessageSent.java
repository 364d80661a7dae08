package io.learnhub.chat.message;

import java.time.Instant;
import java.util.UUID;

/** Data of a chat.message-sent.v1 event (key = room id): who wrote in which room, never what. */
public record MessageSent(UUID messageId, UUID roomId, String senderId, MessageKind kind, int length, Instant sentAt) {

    static MessageSent of(ChatMessage message) {
        return new MessageSent(message.id, message.roomId, message.senderId, message.kind, message.body.length(),
                message.createdAt);
    }
}
