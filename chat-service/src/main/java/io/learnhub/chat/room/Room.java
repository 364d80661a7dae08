package io.learnhub.chat.room;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "rooms")
public class Room {

    @Id
    public UUID id;

    @Column(nullable = false, length = 100)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public RoomType type;

    @Column(name = "course_id")
    public UUID courseId;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Room of(String name, RoomType type, UUID courseId, String createdBy, Instant createdAt) {
        Room room = new Room();
        room.id = UUID.randomUUID();
        room.name = name;
        room.type = type;
        room.courseId = courseId;
        room.createdBy = createdBy;
        room.createdAt = createdAt;
        return room;
    }
}
