package io.learnhub.chat.room;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.chat.membership.MembershipService;
import io.learnhub.chat.membership.UserRoomsCache;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.security.Caller;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
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
    private static final TypeReference<List<RoomResponse>> ROOM_LIST = new TypeReference<>() {
    };
    private static final Logger LOG = Logger.getLogger(RoomService.class);

    private final RoomRepository rooms;
    private final MembershipService memberships;
    private final RoomEvents events;
    private final UserRoomsCache roomListCache;
    private final ObjectMapper objectMapper;
    private final ReactiveSpans spans;
    private final Clock clock;

    public RoomService(RoomRepository rooms, MembershipService memberships, RoomEvents events, UserRoomsCache roomListCache,
            ObjectMapper objectMapper, ReactiveSpans spans, Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.events = events;
        this.roomListCache = roomListCache;
        this.objectMapper = objectMapper;
        this.spans = spans;
        this.clock = clock;
    }

    public Uni<RoomResponse> create(CreateRoomRequest request, Caller caller) {
        return Uni.createFrom().item(() -> members(request, caller))
                .chain(memberIds -> spans.inSpan(ChatSpans.CREATE_CHAT_ROOM, span -> create(request, caller, memberIds, span)));
    }

    private Uni<RoomResponse> create(CreateRoomRequest request, Caller creator, Set<String> memberIds, Span span) {
        Room room = Room.of(request.name(), request.type(), request.courseId(), creator.userId(), clock.instant());
        String teacherId = creator.isTeacher() ? creator.userId() : null;
        describe(span, room, memberIds.size());
        span.addEvent(ChatSpans.EVENT_CREATING_ROOM);
        Context creating = Context.current();
        List<String> sortedMemberIds = memberIds.stream().sorted().toList();

        return Panache.withTransaction(() -> requireNoCourseRoom(room)
                .chain(() -> rooms.persist(room))
                .chain(() -> memberships.addMembers(room.id, memberIds, room.createdAt))
                .chain(() -> events.enqueue(creating, room, teacherId, sortedMemberIds)))
                .onFailure(RoomService::isCourseRoomRace).transform(ignored -> new RoomExistsException(room.courseId))
                .call(() -> memberships.invalidateRoomLists(sortedMemberIds))
                .map(event -> {
                    span.addEvent(ChatSpans.EVENT_ROOM_CREATED);
                    span.addEvent(ChatSpans.EVENT_QUEUEING_NOTIFICATIONS);
                    events.publish(event);
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
                ? Uni.createFrom().item(new CourseRoom(existing, null))
                : spans.inSpan(ChatSpans.CREATE_CHAT_ROOM, span -> createCourseRoom(courseId, teacherId, courseTitle, span)));
    }

    private Uni<CourseRoom> createCourseRoom(UUID courseId, String teacherId, String courseTitle, Span span) {
        Room room = Room.of(courseRoomName(courseTitle), RoomType.COURSE, courseId, teacherId, clock.instant());
        describe(span, room, 1);
        Context creating = Context.current();
        span.addEvent(ChatSpans.EVENT_CREATING_ROOM);
        return rooms.insertCourseRoomIfAbsent(room).chain(inserted -> {
            if (!inserted) {
                return rooms.findCourseRoom(courseId)
                        .invoke(winner -> span.setAttribute(SharedSpans.ROOM_ID, winner.id.toString()))
                        .map(winner -> new CourseRoom(winner, null));
            }
            return memberships.addMembers(room.id, Set.of(teacherId), room.createdAt)
                    .invoke(() -> span.addEvent(ChatSpans.EVENT_ROOM_CREATED))
                    .chain(() -> events.enqueue(creating, room, teacherId, List.of(teacherId)))
                    .map(event -> new CourseRoom(room, event));
        });
    }

    /** Publishes chat.room-created.v1 for a course room {@link #courseRoomOf} created, once it is committed. */
    public void announce(CourseRoom courseRoom) {
        events.publish(courseRoom.roomCreated());
    }

    /**
     * Rooms the user is a member of, optionally only those of one course: from the user's cached
     * room list, or from PostgreSQL (which then fills the cache). Redis being down only means
     * every read goes to PostgreSQL.
     */
    public Uni<List<RoomResponse>> listForMember(String userId, UUID courseId) {
        return spans.inSpan(ChatSpans.READ_ROOMS_CACHE, span -> {
            span.setAttribute(SharedSpans.USER_ID, userId);
            return cachedRoomList(userId).chain(cached -> {
                span.setAttribute(SharedSpans.CACHE_HIT, cached.isPresent());
                return cached.isPresent() ? Uni.createFrom().item(cached.get()) : roomListFromDatabase(userId);
            });
        }).map(all -> courseId == null ? all : all.stream().filter(room -> courseId.equals(room.courseId())).toList());
    }

    private Uni<Optional<List<RoomResponse>>> cachedRoomList(String userId) {
        return roomListCache.read(userId)
                .map(json -> json.map(this::fromJson))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Room list cache unavailable, reading the rooms of user %s from the database", userId);
                    return Optional.empty();
                });
    }

    private Uni<List<RoomResponse>> roomListFromDatabase(String userId) {
        return Panache.withSession(() -> rooms.listForMember(userId).chain(found -> memberships
                .memberIdsByRoom(found.stream().map(room -> room.id).toList())
                .map(membersByRoom -> toResponses(found, membersByRoom))))
                .call(list -> roomListCache.fill(userId, toJson(list)).onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Could not cache the rooms of user %s", userId);
                    return null;
                }));
    }

    private List<RoomResponse> fromJson(String json) {
        try {
            return objectMapper.readValue(json, ROOM_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable cached room list", e);
        }
    }

    private String toJson(List<RoomResponse> list) {
        try {
            return objectMapper.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a room list", e);
        }
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
        span.setAttribute(SharedSpans.ROOM_ID, room.id.toString());
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
