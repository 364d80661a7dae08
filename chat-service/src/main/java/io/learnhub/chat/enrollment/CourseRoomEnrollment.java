package io.learnhub.chat.enrollment;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.chat.membership.MembershipService;
import io.learnhub.chat.message.ChatMessage;
import io.learnhub.chat.message.MessageFanOut;
import io.learnhub.chat.message.MessageRepository;
import io.learnhub.chat.room.CourseRoom;
import io.learnhub.chat.room.RoomService;
import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.ProcessedEvents;
import io.learnhub.common.outbox.OutboxEvent;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Puts a student who paid for a course into the course's room, creating that room for the
 * course's teacher the first time (and making sure the teacher is in a room an admin created),
 * and tells the room; once per event: the event id, the room, the memberships, the SYSTEM
 * message, its event and its offline deliveries are committed together, and the members online
 * get it live once that has committed.
 */
@ApplicationScoped
public class CourseRoomEnrollment {

    /** Posted to the course room; deliberately without the student's name or id. */
    static final String NEW_STUDENT_MESSAGE = "A new student has joined the course.";

    private static final Logger LOG = Logger.getLogger(CourseRoomEnrollment.class);

    /** What applying an event changed; {@code announcement} is null when the student was in the room already. */
    private record Outcome(CourseRoom courseRoom, Announcement announcement) {
        static final Outcome NOTHING = new Outcome(null, null);
    }

    /** The SYSTEM message's audience and event, to deliver once committed. */
    private record Announcement(MessageFanOut.Audience audience, OutboxEvent messageSent) {
    }

    private final RoomService rooms;
    private final MembershipService memberships;
    private final MessageRepository messages;
    private final MessageFanOut fanOut;
    private final Clock clock;

    public CourseRoomEnrollment(RoomService rooms, MembershipService memberships, MessageRepository messages,
            MessageFanOut fanOut, Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.messages = messages;
        this.fanOut = fanOut;
        this.clock = clock;
    }

    public Uni<Void> enroll(EventEnvelope<InvoicePaid> event) {
        InvoicePaid paid = event.data();
        Context consuming = Context.current();
        return Panache.withTransaction(() -> ProcessedEvents.markProcessed(event.eventId(), clock.instant()).chain(firstDelivery -> {
            if (!firstDelivery) {
                LOG.infof("Event %s was already applied; ignoring the redelivery", event.eventId());
                return Uni.createFrom().item(Outcome.NOTHING);
            }
            return rooms.courseRoomOf(paid.courseId(), paid.teacherId(), paid.courseTitle())
                    .chain(courseRoom -> addStudent(courseRoom, paid, consuming)
                            .map(announcement -> new Outcome(courseRoom, announcement)));
        }))
                // after the commit: nothing is cached or announced that may still roll back
                .call(outcome -> outcome.courseRoom() != null ? memberships.invalidate(outcome.courseRoom().room().id)
                        : Uni.createFrom().voidItem())
                .invoke(outcome -> {
                    if (outcome.courseRoom() != null && outcome.courseRoom().created()) {
                        rooms.announce(outcome.courseRoom());
                    }
                })
                .call(outcome -> outcome.announcement() == null ? Uni.createFrom().voidItem()
                        : fanOut.deliver(outcome.announcement().audience(), outcome.announcement().messageSent()))
                .replaceWithVoid();
    }

    /**
     * Adds the student, and the teacher if missing, and tells the room with a SYSTEM message (its
     * event and offline deliveries in this transaction); null when the student was in the room already.
     */
    private Uni<Announcement> addStudent(CourseRoom courseRoom, InvoicePaid paid, Context consuming) {
        Instant now = clock.instant();
        UUID roomId = courseRoom.room().id;
        Set<String> members = new LinkedHashSet<>(List.of(paid.teacherId(), paid.studentId()));
        return memberships.addMembers(roomId, members, now).chain(added -> {
            if (!added.contains(paid.studentId())) {
                // already in the room (joined some other way): nothing new to announce
                return Uni.createFrom().nullItem();
            }
            ChatMessage joined = ChatMessage.system(roomId, NEW_STUDENT_MESSAGE, now);
            return messages.persist(joined)
                    .chain(() -> memberships.memberIdsOf(roomId))
                    .chain(memberIds -> fanOut.audience(joined, Set.copyOf(memberIds)))
                    .chain(audience -> fanOut.record(audience, joined, consuming)
                            .map(event -> new Announcement(audience, event)));
        });
    }
}
