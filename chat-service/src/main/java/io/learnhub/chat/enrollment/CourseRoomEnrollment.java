package io.learnhub.chat.payment;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.chat.membership.MembershipService;
import io.learnhub.chat.message.ChatMessage;
import io.learnhub.chat.message.MessageRepository;
import io.learnhub.chat.message.MessageService;
import io.learnhub.chat.room.Room;
import io.learnhub.chat.room.RoomRepository;
import io.learnhub.common.event.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Puts a student who paid for a course into the course's room and tells the room, once per
 * event: the membership, the SYSTEM message and the event id are committed together.
 */
@ApplicationScoped
public class CourseRoomEnrollment {

    /** Posted to the course room; deliberately without the student's name or id. */
    static final String NEW_STUDENT_MESSAGE = "A new student has joined the course.";

    private static final Logger LOG = Logger.getLogger(CourseRoomEnrollment.class);

    /** What applying an event changed; {@code roomId} is null when the course has no room. */
    private record Outcome(UUID roomId, boolean studentAdded) {
        static final Outcome NOTHING = new Outcome(null, false);
    }

    private final RoomRepository rooms;
    private final MembershipService memberships;
    private final MessageRepository messages;
    private final ProcessedEventRepository processedEvents;

    public CourseRoomEnrollment(RoomRepository rooms, MembershipService memberships, MessageRepository messages,
            ProcessedEventRepository processedEvents) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.messages = messages;
        this.processedEvents = processedEvents;
    }

    public Uni<Void> enroll(EventEnvelope<InvoicePaid> event) {
        InvoicePaid paid = event.data();
        if (paid.studentId() == null || paid.studentId().isBlank() || paid.courseId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "Event " + event.eventId() + " lacks studentId or courseId"));
        }
        return Panache.withTransaction(() -> rooms.findCourseRoom(paid.courseId()).chain(room -> {
            if (room == null) {
                LOG.warnf("Course %s has no COURSE room: the student of invoice %s was not added to a chat room (event %s)",
                        paid.courseId(), paid.invoiceId(), event.eventId());
                return Uni.createFrom().item(Outcome.NOTHING);
            }
            return processedEvents.markProcessed(event.eventId()).chain(firstDelivery -> {
                if (!firstDelivery) {
                    LOG.infof("Event %s was already applied; ignoring the redelivery", event.eventId());
                    return Uni.createFrom().item(new Outcome(room.id, false));
                }
                return addStudent(room, paid.studentId());
            });
        })).call(outcome -> outcome.studentAdded() ? memberships.invalidate(outcome.roomId()) : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    private Uni<Outcome> addStudent(Room room, String studentId) {
        Instant now = MessageService.now();
        return memberships.addMembers(room.id, Set.of(studentId), now).chain(added -> {
            if (added.isEmpty()) {
                // already in the room (joined some other way): nothing new to announce
                return Uni.createFrom().item(new Outcome(room.id, false));
            }
            return messages.persist(ChatMessage.system(room.id, NEW_STUDENT_MESSAGE, now))
                    .replaceWith(new Outcome(room.id, true));
        });
    }
}
