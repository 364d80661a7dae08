package io.learnhub.chat.membership;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "room_members")
public class RoomMember {

    @EmbeddedId
    public RoomMemberId id;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    public static RoomMember of(UUID roomId, String userId, Instant joinedAt) {
        RoomMember member = new RoomMember();
        member.id = new RoomMemberId(roomId, userId);
        member.joinedAt = joinedAt;
        return member;
    }
}
