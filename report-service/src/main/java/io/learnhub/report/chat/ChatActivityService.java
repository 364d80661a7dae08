package io.learnhub.report.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.event.ProcessedEvents;
import io.learnhub.report.stats.IsoWeeks;
import io.learnhub.report.teacher.TeacherRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Keeps what the weekly reports need of the chat: whose rooms exist, and who wrote in them when. */
@ApplicationScoped
public class ChatActivityService {

    private final ChatRoomRepository rooms;
    private final ChatMessageRepository messages;
    private final TeacherRepository teachers;
    private final Clock clock;

    ChatActivityService(ChatRoomRepository rooms, ChatMessageRepository messages, TeacherRepository teachers, Clock clock) {
        this.rooms = rooms;
        this.messages = messages;
        this.teachers = teachers;
        this.clock = clock;
    }

    /**
     * Records the room (and its teacher, when the event names one), once per event.
     *
     * @return false when the event had been processed before
     */
    public Uni<Boolean> recordRoom(UUID eventId, RoomCreated room, Instant occurredAt) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> ProcessedEvents.markProcessed(eventId, now)
                .call(first -> !first ? Uni.createFrom().voidItem()
                        : rooms.learn(room, occurredAt)
                                .chain(() -> room.teacherId() == null ? Uni.createFrom().voidItem()
                                        : teachers.learn(room.teacherId(), null, now))));
    }

    /**
     * Records a user's message in the ISO week it was sent in, once per event; a SYSTEM message is
     * marked processed and counts for nobody.
     *
     * @return false when the event had been processed before
     */
    public Uni<Boolean> recordMessage(UUID eventId, MessageSent message) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> ProcessedEvents.markProcessed(eventId, now)
                .call(first -> first && message.byUser()
                        ? messages.record(message, IsoWeeks.weekStart(message.sentAt()))
                        : Uni.createFrom().voidItem()));
    }
}
