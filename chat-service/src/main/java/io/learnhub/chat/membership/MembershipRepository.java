package io.learnhub.chat.membership;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<RoomMember, RoomMemberId> {

    /** The room's member ids, sorted. */
    public Uni<List<String>> memberIds(UUID roomId) {
        return list("id.roomId = ?1 order by id.userId", roomId).map(MembershipRepository::userIds);
    }

    /** Member ids of each of the given rooms, sorted. */
    public Uni<Map<UUID, List<String>>> memberIdsByRoom(Collection<UUID> roomIds) {
        if (roomIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("id.roomId in :roomIds order by id.userId", Parameters.with("roomIds", roomIds))
                .map(members -> members.stream().collect(Collectors.groupingBy(
                        member -> member.id.roomId(),
                        Collectors.mapping(member -> member.id.userId(), Collectors.toList()))));
    }

    /** Which of the given users already belong to the room. */
    public Uni<List<String>> existingMemberIds(UUID roomId, Collection<String> userIds) {
        return list("id.roomId = :roomId and id.userId in :userIds",
                Parameters.with("roomId", roomId).and("userIds", userIds))
                .map(MembershipRepository::userIds);
    }

    private static List<String> userIds(List<RoomMember> members) {
        return members.stream().map(member -> member.id.userId()).toList();
    }
}
