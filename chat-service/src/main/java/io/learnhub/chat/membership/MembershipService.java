package io.learnhub.chat.membership;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.chat.room.RoomRepository;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Who belongs to which room. Membership checks read the Redis cache first; a miss, or an answer
 * of "not a member" (which a stale entry could give right after someone joined), is settled by
 * PostgreSQL. Redis being down slows checks down but does not fail them.
 */
@ApplicationScoped
public class MembershipService {

    private static final Logger LOG = Logger.getLogger(MembershipService.class);

    private final MembershipRepository members;
    private final RoomRepository rooms;
    private final MembershipCache cache;
    private final UserRoomsCache userRooms;
    private final ReactiveSpans spans;

    public MembershipService(MembershipRepository members, RoomRepository rooms, MembershipCache cache,
            UserRoomsCache userRooms, ReactiveSpans spans) {
        this.members = members;
        this.rooms = rooms;
        this.cache = cache;
        this.userRooms = userRooms;
        this.spans = spans;
    }

    /** Completes when the user belongs to the room; fails with 404 for an unknown room, 403 for a non-member. */
    public Uni<Void> requireMember(UUID roomId, String userId) {
        return membersFor(roomId, userId).replaceWithVoid();
    }

    /** The member ids the check found (possibly from the cache); fails like {@link #requireMember}. */
    private Uni<Set<String>> membersFor(UUID roomId, String userId) {
        return spans.inSpan(ChatSpans.READ_MEMBERSHIP_CACHE, span -> {
            span.setAttribute(SharedSpans.ROOM_ID, roomId.toString());
            return readCache(roomId, span).chain(cached -> {
                span.setAttribute(SharedSpans.CACHE_HIT, cached.isPresent());
                if (cached.isPresent() && cached.get().contains(userId)) {
                    return Uni.createFrom().item(cached.get());
                }
                return membersFromDatabase(roomId, userId, cached.isEmpty());
            });
        });
    }

    private Uni<Optional<Set<String>>> readCache(UUID roomId, Span span) {
        return cache.read(roomId).onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "Membership cache unavailable, checking room %s in the database", roomId);
            span.recordException(failure);
            return Optional.empty();
        });
    }

    private Uni<Set<String>> membersFromDatabase(UUID roomId, String userId, boolean cacheMissed) {
        return Panache.withSession(() -> rooms.findById(roomId).chain(room -> room == null
                ? Uni.createFrom().item(Optional.<List<String>> empty())
                : members.memberIds(roomId).map(Optional::of)))
                .call(ids -> {
                    // cache on a miss; replace a hit that the database contradicts, since it is stale
                    boolean refresh = ids.isPresent() && (cacheMissed || ids.get().contains(userId));
                    return refresh ? fillCache(roomId, ids.get()) : Uni.createFrom().voidItem();
                })
                .map(ids -> {
                    List<String> memberIds = ids.orElseThrow(() -> new NotFoundException("Room", roomId));
                    if (!memberIds.contains(userId)) {
                        throw new NotMemberException(roomId);
                    }
                    return Set.copyOf(memberIds);
                });
    }

    private Uni<Void> fillCache(UUID roomId, List<String> memberIds) {
        return cache.fill(roomId, memberIds).onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "Could not cache the members of room %s", roomId);
            return null;
        });
    }

    /** The room's member ids, sorted; inside the caller's session. */
    public Uni<List<String>> memberIdsOf(UUID roomId) {
        return members.memberIds(roomId);
    }

    /** Member ids of each of the given rooms, sorted; inside the caller's session. */
    public Uni<Map<UUID, List<String>>> memberIdsByRoom(Collection<UUID> roomIds) {
        return members.memberIdsByRoom(roomIds);
    }

    /**
     * Adds the users who are not members yet, inside the caller's transaction; returns the ids added.
     * Callers drop the cache entry with {@link #invalidate} once their transaction has committed.
     */
    public Uni<Set<String>> addMembers(UUID roomId, Collection<String> userIds, Instant joinedAt) {
        return spans.inSpan(ChatSpans.ADD_MEMBERS, span -> {
            span.setAttribute(SharedSpans.ROOM_ID, roomId.toString());
            return members.existingMemberIds(roomId, userIds).chain(existing -> {
                Set<String> added = new HashSet<>(userIds);
                existing.forEach(added::remove);
                span.setAttribute(ChatSpans.MEMBERS_COUNT, (long) added.size());
                if (added.isEmpty()) {
                    // persisting an empty stream fails ("The Uni set is empty"): nothing to add
                    return Uni.createFrom().item(Set.<String> of());
                }
                return members.persist(added.stream().map(userId -> RoomMember.of(roomId, userId, joinedAt)))
                        .replaceWith(Set.copyOf(added));
            });
        });
    }

    /**
     * Drops the cached members of a room after its members changed, and the cached room lists of
     * all its members (each list shows the room's members). Should that fail, a stale member set
     * still cannot refuse a new member: negative answers are always confirmed in the database; a
     * stale room list lasts until its TTL.
     */
    public Uni<Void> invalidate(UUID roomId) {
        return cache.invalidate(roomId)
                .chain(() -> Panache.withSession(() -> members.memberIds(roomId)))
                .chain(userRooms::invalidate)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Could not drop the cached members or room lists of room %s", roomId);
                    return null;
                });
    }

    /** Drops the cached room lists of the members of a room that was just created. */
    public Uni<Void> invalidateRoomLists(Collection<String> userIds) {
        return userRooms.invalidate(userIds).onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "Could not drop the cached room lists of %d users", userIds.size());
            return null;
        });
    }
}
