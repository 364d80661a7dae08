package io.learnhub.chat.room;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<Room, UUID> {

    /*
     * The partial unique index rooms_one_course_room_per_course arbitrates: when two transactions
     * create a course's room at once, the second waits for the first and then inserts nothing.
     */
    private static final String INSERT_COURSE_ROOM_IF_ABSENT = """
            insert into rooms (id, name, type, course_id, created_by, created_at)
            values (:id, :name, 'COURSE', :courseId, :createdBy, :createdAt)
            on conflict (course_id) where type = 'COURSE' do nothing""";

    public Uni<Room> findCourseRoom(UUID courseId) {
        return find("type = ?1 and courseId = ?2", RoomType.COURSE, courseId).firstResult();
    }

    /** Inserts the COURSE room unless its course has one already; true when this call inserted it. */
    public Uni<Boolean> insertCourseRoomIfAbsent(Room room) {
        return getSession().chain(session -> session.createNativeQuery(INSERT_COURSE_ROOM_IF_ABSENT)
                .setParameter("id", room.id)
                .setParameter("name", room.name)
                .setParameter("courseId", room.courseId)
                .setParameter("createdBy", room.createdBy)
                .setParameter("createdAt", room.createdAt)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Rooms the user is a member of, oldest first. */
    public Uni<List<Room>> listForMember(String userId) {
        return list("id in (select m.id.roomId from RoomMember m where m.id.userId = :userId) order by createdAt, id",
                Parameters.with("userId", userId));
    }
}
