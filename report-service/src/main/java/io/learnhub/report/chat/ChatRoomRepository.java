package io.learnhub.report.chat;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ChatRoomRepository implements PanacheRepositoryBase<ChatRoom, UUID> {

    private static final String LEARN = """
            insert into chat_rooms (room_id, course_id, teacher_id, created_at)
            values (:roomId, :courseId, :teacherId, :createdAt)
            on conflict (room_id) do nothing""";

    /** Records the room in the caller's transaction; a room already known is left as it is. */
    public Uni<Void> learn(RoomCreated room, Instant createdAt) {
        return getSession()
                .chain(session -> session.createNativeQuery(LEARN)
                        .setParameter("roomId", room.roomId())
                        .setParameter("courseId", room.courseId())
                        .setParameter("teacherId", room.teacherId())
                        .setParameter("createdAt", createdAt)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
