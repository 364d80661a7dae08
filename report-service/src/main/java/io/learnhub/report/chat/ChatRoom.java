package io.learnhub.report.chat;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A chat room as chat.room-created.v1 announced it: whose room it is, directly or through its course. */
@Entity
@Table(name = "chat_rooms")
public class ChatRoom {

    @Id
    @Column(name = "room_id")
    public UUID roomId;

    @Column(name = "course_id")
    public UUID courseId;

    @Column(name = "teacher_id", length = 64)
    public String teacherId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
