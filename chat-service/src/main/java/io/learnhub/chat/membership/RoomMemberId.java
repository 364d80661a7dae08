package io.learnhub.chat.membership;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
public record RoomMemberId(
        @Column(name = "room_id", nullable = false) UUID roomId,
        @Column(name = "user_id", nullable = false, length = 64) String userId) implements Serializable {
}
