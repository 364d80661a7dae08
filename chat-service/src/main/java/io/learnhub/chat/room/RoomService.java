package io.learnhub.chat.room;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.chat.membership.MembershipService;
import io.learnhub.chat.message.MessageService;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.tracing.ReactiveSpans;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** Creating and listing rooms. */
@ApplicationScoped
public class RoomService {

    /** At most this many users in {@code memberIds}, besides the creator. */
    public static final int MAX_MEMBERS = 500;

    /** PostgreSQL's unique_violation, raised by the one-COURSE-room-per-course index when two creations race. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COURSE_ROOM_INDEX = "rooms_one_course_room_per_course";

    private final RoomRepository rooms;
    private final MembershipService memberships;
    private final RoomEventPublisher events;
    private final ReactiveSpans spans;

    public RoomService(RoomRepository rooms, MembershipService memberships, RoomEventPublisher events, ReactiveSpans spans) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.events = events;
        this.spans = spans;
    }

    public Uni<RoomResponse> create(CreateRoomRequest request, String creatorId) {
        return Uni.createFrom().item(() -> members(request, creatorId))
                .chain(memberIds -> spans.inSpan(ChatSpans.CREATE_CHAT_ROOM, span -> create(request, creatorId, memberIds, span)));
    }

    private Uni<RoomResponse> create(CreateRoomRequest request, String creatorId, Set<String> memberIds, Span span) {
        Room room = new Room();
        room.id = UUID.randomUUID();
        room.name = request.name();
        room.type = request.type();
        room.courseId = request.courseId();
        room.createdBy = creatorId;
        room.createdAt = MessageService.now();

        span.setAttribute(ChatSpans.ROOM_ID, room.id.toString());
        span.setAttribute(ChatSpans.ROOM_TYPE, room.type.name());
        span.setAttribute(ChatSpans.USER_ID, creatorId);
        span.setAttribute(ChatSpans.MEMBERS_COUNT, (long) memberIds.size());
        span.addEvent(ChatSpans.EVENT_CREATING_ROOM);

        return Panache.withTransaction(() -> requireNoCourseRoom(room)
                .chain(() -> rooms.persist(room))
                .chain(() -> memberships.addMembers(room.id, memberIds, room.createdAt)))
                .onFailure(RoomService::isCourseRoomRace).transform(ignored -> new RoomExistsException(room.courseId))
                .map(ignored -> {
                    span.addEvent(ChatSpans.EVENT_ROOM_CREATED);
                    List<String> sortedMemberIds = memberIds.stream().sorted().toList();
                    span.addEvent(ChatSpans.EVENT_QUEUEING_NOTIFICATIONS);
                    events.publish(new RoomCreated(room.id, room.type, room.courseId, creatorId, sortedMemberIds));
                    return RoomResponse.of(room, sortedMemberIds);
                });
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
    private static Set<String> members(CreateRoomRequest request, String creatorId) {
        if (request.type() == RoomType.COURSE && request.courseId() == null) {
            throw new InvalidRoomException("courseId: is required for a COURSE room");
        }
        Set<String> memberIds = new LinkedHashSet<>();
        memberIds.add(creatorId);
        memberIds.addAll(request.memberIdsOrEmpty());
        if (request.type() == RoomType.DIRECT && memberIds.size() != 2) {
            throw new InvalidRoomException("memberIds: a DIRECT room has exactly one member besides its creator");
        }
        return memberIds;
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
