package io.learnhub.chat.enrollment;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.chat.membership.MembershipService;
import io.learnhub.chat.message.ChatMessage;
import io.learnhub.chat.message.MessageRepository;
import io.learnhub.chat.room.CourseRoom;
import io.learnhub.chat.room.RoomService;
import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Puts a student who paid for a course into the course's room, creating that room for the
 * course's teacher the first time (and making sure the teacher is in a room an admin created),
 * and tells the room; once per event: the event id, the room, the memberships and the SYSTEM
 * message are committed together.
 */
@ApplicationScoped
public class CourseRoomEnrollment {

    /** Posted to the course room; deliberately without the student's name or id. */
    static final String NEW_STUDENT_MESSAGE = "A new student has joined the course.";

    private static final Logger LOG = Logger.getLogger(CourseRoomEnrollment.class);

    /** What applying an event changed. */
    private record Outcome(CourseRoom courseRoom, boolean studentAdded) {
        static final Outcome NOTHING = new Outcome(null, false);
    }

    private final RoomService rooms;
    private final MembershipService memberships;
    private final MessageRepository messages;
    private final Clock clock;

    public CourseRoomEnrollment(RoomService rooms, MembershipService memberships, MessageRepository messages, Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.messages = messages;
        this.clock = clock;
    }

    public Uni<Void> enroll(EventEnvelope<InvoicePaid> event) {
        InvoicePaid paid = event.data();
        return Panache.withTransaction(() -> ProcessedEvents.markProcessed(event.eventId(), clock.instant()).chain(firstDelivery -> {
            if (!firstDelivery) {
                LOG.infof("Event %s was already applied; ignoring the redelivery", event.eventId());
                return Uni.createFrom().item(Outcome.NOTHING);
            }
            return rooms.courseRoomOf(paid.courseId(), paid.teacherId(), paid.courseTitle())
                    .chain(courseRoom -> addStudent(courseRoom, paid)
                            .map(added -> new Outcome(courseRoom, added)));
        }))
                // after the commit: nothing is cached or announced that may still roll back
                .call(outcome -> outcome.courseRoom() != null ? memberships.invalidate(outcome.courseRoom().room().id)
                        : Uni.createFrom().voidItem())
                .invoke(outcome -> {
                    if (outcome.courseRoom() != null && outcome.courseRoom().created()) {
                        rooms.announce(outcome.courseRoom());
                    }
                })
                .replaceWithVoid();
    }

    /** Adds the student, and the teacher if missing; true when the student is new to the room. */
    private Uni<Boolean> addStudent(CourseRoom courseRoom, InvoicePaid paid) {
        Instant now = clock.instant();
        Set<String> members = new LinkedHashSet<>(List.of(paid.teacherId(), paid.studentId()));
        return memberships.addMembers(courseRoom.room().id, members, now).chain(added -> {
            if (!added.contains(paid.studentId())) {
                // already in the room (joined some other way): nothing new to announce
                return Uni.createFrom().item(false);
            }
            return messages.persist(ChatMessage.system(courseRoom.room().id, NEW_STUDENT_MESSAGE, now)).replaceWith(true);
        });
    }
}
