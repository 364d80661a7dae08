package io.learnhub.chat.room;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<Room, UUID> {

    public Uni<Room> findCourseRoom(UUID courseId) {
        return find("type = ?1 and courseId = ?2", RoomType.COURSE, courseId).firstResult();
    }

    /** Rooms the user is a member of, optionally only those of one course, oldest first. */
    public Uni<List<Room>> listForMember(String userId, UUID courseId) {
        String memberOf = "id in (select m.id.roomId from RoomMember m where m.id.userId = :userId)";
        if (courseId == null) {
            return list(memberOf + " order by createdAt, id", Parameters.with("userId", userId));
        }
        return list(memberOf + " and courseId = :courseId order by createdAt, id",
                Parameters.with("userId", userId).and("courseId", courseId));
    }
}
