package io.learnhub.chat.realtime;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.chat.membership.MembershipService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Who of a room's members is online, for one of its members. */
@ApplicationScoped
public class RoomPresence {

    private final MembershipService memberships;
    private final Presence presence;

    public RoomPresence(MembershipService memberships, Presence presence) {
        this.memberships = memberships;
        this.presence = presence;
    }

    /** Fails with 404 for an unknown room, 403 for a non-member, 503 when Redis cannot answer. */
    public Uni<PresenceResponse> of(UUID roomId, String userId) {
        return memberships.requireMember(roomId, userId)
                .chain(() -> Panache.withSession(() -> memberships.memberIdsOf(roomId)))
                .chain(members -> presence.onlineAmong(members)
                        .onFailure().transform(PresenceUnavailableException::new))
                .map(online -> new PresenceResponse(roomId, online.stream().sorted().toList()));
    }
}
