package io.learnhub.chat.message;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "messages")
public class ChatMessage {

    @Id
    public UUID id;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    /** Null for SYSTEM messages. */
    @Column(name = "sender_id", length = 64)
    public String senderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public MessageKind kind;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static ChatMessage user(UUID roomId, String senderId, String body, Instant createdAt) {
        return create(roomId, senderId, MessageKind.USER, body, createdAt);
    }

    public static ChatMessage system(UUID roomId, String body, Instant createdAt) {
        return create(roomId, null, MessageKind.SYSTEM, body, createdAt);
    }

    private static ChatMessage create(UUID roomId, String senderId, MessageKind kind, String body, Instant createdAt) {
        ChatMessage message = new ChatMessage();
        message.id = UUID.randomUUID();
        message.roomId = roomId;
        message.senderId = senderId;
        message.kind = kind;
        message.body = body;
        message.createdAt = createdAt;
        return message;
    }
}
