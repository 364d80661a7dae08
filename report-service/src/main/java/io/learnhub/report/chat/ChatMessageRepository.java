package io.learnhub.report.chat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ChatMessageRepository implements PanacheRepositoryBase<ChatMessage, UUID> {

    private static final String RECORD = """
            insert into chat_messages (message_id, room_id, sender_id, week_start, sent_at)
            values (:messageId, :roomId, :senderId, :weekStart, :sentAt)
            on conflict (message_id) do nothing""";

    /*
     * One statement for every teacher of the week. A room belongs to the teacher its event named,
     * else to its course's teacher; its messages count whoever sent them, its active students are
     * the distinct senders but the teacher.
     */
    private static final String ACTIVITY_OF_WEEK = """
            select coalesce(r.teacher_id, c.teacher_id) as teacher_id,
                   count(*) as messages,
                   count(distinct m.sender_id) filter (where m.sender_id <> coalesce(r.teacher_id, c.teacher_id))
                       as active_students
            from chat_messages m
            join chat_rooms r on r.room_id = m.room_id
            left join course_teachers c on c.course_id = r.course_id
            where m.week_start = :weekStart and coalesce(r.teacher_id, c.teacher_id) is not null
            group by coalesce(r.teacher_id, c.teacher_id)""";

    /** Records a user's message in the caller's transaction; a message recorded before is left alone. */
    public Uni<Void> record(MessageSent message, LocalDate weekStart) {
        return getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter("messageId", message.messageId())
                        .setParameter("roomId", message.roomId())
                        .setParameter("senderId", message.senderId())
                        .setParameter("weekStart", weekStart)
                        .setParameter("sentAt", message.sentAt())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The chat activity of every teacher in the week, for teachers whose rooms had any. */
    public Uni<List<TeacherChatActivity>> activityOfWeek(LocalDate weekStart) {
        return getSession()
                .chain(session -> session.createNativeQuery(ACTIVITY_OF_WEEK, Object[].class)
                        .setParameter("weekStart", weekStart)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new TeacherChatActivity((String) row[0], ((Number) row[1]).intValue(),
                                ((Number) row[2]).intValue()))
                        .toList());
    }
}
