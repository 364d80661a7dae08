package io.learnhub.chat.room;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.chat.membership.MembershipService;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.security.Caller;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Creating and listing rooms. A course's COURSE room belongs to its teacher: through the API only
 * an admin creates one; otherwise {@link #courseRoomOf} creates it for the teacher when the first
 * student of the course pays.
 */
@ApplicationScoped
public class RoomService {

    /** At most this many users in {@code memberIds}, besides the creator. */
    public static final int MAX_MEMBERS = 500;
    /** Longest room name (rooms.name); a course title longer than that is cut. */
    static final int MAX_NAME_LENGTH = 100;
    /** The name of a course room whose event did not carry the course's title. */
    static final String UNTITLED_COURSE_ROOM = "Course room";

    /** PostgreSQL's unique_violation, raised by the one-COURSE-room-per-course index when two creations race. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COURSE_ROOM_INDEX = "rooms_one_course_room_per_course";

    private final RoomRepository rooms;
    private final MembershipService memberships;
    private final RoomEventPublisher events;
    private final ReactiveSpans spans;
    private final Clock clock;

    public RoomService(RoomRepository rooms, MembershipService memberships, RoomEventPublisher events, ReactiveSpans spans,
            Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.events = events;
        this.spans = spans;
        this.clock = clock;
    }

    public Uni<RoomResponse> create(CreateRoomRequest request, Caller caller) {
        return Uni.createFrom().item(() -> members(request, caller))
                .chain(memberIds -> spans.inSpan(ChatSpans.CREATE_CHAT_ROOM, span -> create(request, caller.userId(), memberIds, span)));
    }

    private Uni<RoomResponse> create(CreateRoomRequest request, String creatorId, Set<String> memberIds, Span span) {
        Room room = Room.of(request.name(), request.type(), request.courseId(), creatorId, clock.instant());
        describe(span, room, memberIds.size());
        span.addEvent(ChatSpans.EVENT_CREATING_ROOM);

        return Panache.withTransaction(() -> requireNoCourseRoom(room)
                .chain(() -> rooms.persist(room))
                .chain(() -> memberships.addMembers(room.id, memberIds, room.createdAt)))
                .onFailure(RoomService::isCourseRoomRace).transform(ignored -> new RoomExistsException(room.courseId))
                .map(ignored -> {
                    span.addEvent(ChatSpans.EVENT_ROOM_CREATED);
                    List<String> sortedMemberIds = memberIds.stream().sorted().toList();
                    span.addEvent(ChatSpans.EVENT_QUEUEING_NOTIFICATIONS);
                    events.publish(room, sortedMemberIds);
                    return RoomResponse.of(room, sortedMemberIds);
                });
    }

    /**
     * The course's COURSE room, inside the caller's transaction. When the course has none yet, it
     * is created for its teacher (creator and first member), named after the course; should another
     * delivery create it at the same moment, that one is returned. Once the caller's transaction has
     * committed, it {@linkplain #announce announces} a room this call created.
     */
    public Uni<CourseRoom> courseRoomOf(UUID courseId, String teacherId, String courseTitle) {
        return rooms.findCourseRoom(courseId).chain(existing -> existing != null
                ? Uni.createFrom().item(new CourseRoom(existing, false))
                : spans.inSpan(ChatSpans.CREATE_CHAT_ROOM, span -> createCourseRoom(courseId, teacherId, courseTitle, span)));
    }

    private Uni<CourseRoom> createCourseRoom(UUID courseId, String teacherId, String courseTitle, Span span) {
        Room room = Room.of(courseRoomName(courseTitle), RoomType.COURSE, courseId, teacherId, clock.instant());
        describe(span, room, 1);
        span.addEvent(ChatSpans.EVENT_CREATING_ROOM);
        return rooms.insertCourseRoomIfAbsent(room).chain(inserted -> {
            if (!inserted) {
                return rooms.findCourseRoom(courseId)
                        .invoke(winner -> span.setAttribute(ChatSpans.ROOM_ID, winner.id.toString()))
                        .map(winner -> new CourseRoom(winner, false));
            }
            return memberships.addMembers(room.id, Set.of(teacherId), room.createdAt)
                    .invoke(() -> span.addEvent(ChatSpans.EVENT_ROOM_CREATED))
                    .replaceWith(new CourseRoom(room, true));
        });
    }

    /** Publishes chat.room-created.v1 for a course room {@link #courseRoomOf} created, once it is committed. */
    public void announce(CourseRoom courseRoom) {
        Room room = courseRoom.room();
        events.publish(room, List.of(room.createdBy));
    }

    /** Rooms the user is a member of, optionally only those of one course. */
    public Uni<List<RoomResponse>> listForMember(String userId, UUID courseId) {
        return Panache.withSession(() -> rooms.listForMember(userId, courseId).chain(found -> memberships
                .memberIdsByRoom(found.stream().map(room -> room.id).toList())
                .map(membersByRoom -> toResponses(found, membersByRoom))));
    }

    private static List<RoomResponse> toResponses(List<Room> found, Map<UUID, List<String>> membersByRoom) {
        return found.stream()
                .map(room -> RoomResponse.of(room, membersByRoom.getOrDefault(room.id, List.of())))
                .toList();
    }

    /** The members of the new room: the creator and the requested users, once each. */
    private static Set<String> members(CreateRoomRequest request, Caller caller) {
        if (request.type() == RoomType.COURSE) {
            if (!caller.isAdmin()) {
                throw new CourseRoomReservedException();
            }
            if (request.courseId() == null) {
                throw new InvalidRoomException("courseId: is required for a COURSE room");
            }
        }
        Set<String> memberIds = new LinkedHashSet<>();
        memberIds.add(caller.userId());
        memberIds.addAll(request.memberIdsOrEmpty());
        if (request.type() == RoomType.DIRECT && memberIds.size() != 2) {
            throw new InvalidRoomException("memberIds: a DIRECT room has exactly one member besides its creator");
        }
        return memberIds;
    }

    private static void describe(Span span, Room room, int members) {
        span.setAttribute(ChatSpans.ROOM_ID, room.id.toString());
        span.setAttribute(ChatSpans.ROOM_TYPE, room.type.name());
        span.setAttribute(SharedSpans.USER_ID, room.createdBy);
        span.setAttribute(ChatSpans.MEMBERS_COUNT, (long) members);
    }

    private static String courseRoomName(String courseTitle) {
        if (courseTitle == null || courseTitle.isBlank()) {
            return UNTITLED_COURSE_ROOM;
        }
        String title = courseTitle.strip();
        return title.length() <= MAX_NAME_LENGTH ? title : title.substring(0, MAX_NAME_LENGTH);
    }

    private Uni<Void> requireNoCourseRoom(Room room) {
        if (room.type != RoomType.COURSE) {
            return Uni.createFrom().voidItem();
        }
        return rooms.findCourseRoom(room.courseId).invoke(existing -> {
            if (existing != null) {
                throw new RoomExistsException(room.courseId);
            }
        }).replaceWithVoid();
    }

    private static boolean isCourseRoomRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && COURSE_ROOM_INDEX.equals(pg.getConstraint())) {
                return true;
            }
        }
        return false;
    }
}
