package io.learnhub.report.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user's message, as chat.message-sent.v1 reported it: who wrote in which room and week, never what. */
@Entity
@Table(name = "chat_messages")
public class ChatMessage {

    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    @Column(name = "sender_id", nullable = false, length = 64)
    public String senderId;

    @Column(name = "week_start", nullable = false)
    public LocalDate weekStart;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
}
