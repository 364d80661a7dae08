package io.learnhub.chat.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<ChatMessage, UUID> {

    /** The room's latest {@code limit} messages, oldest first. */
    public Uni<List<ChatMessage>> latest(UUID roomId, int limit) {
        return find("roomId = ?1 order by createdAt desc, id desc", roomId)
                .range(0, limit - 1)
                .list()
                .map(MessageRepository::oldestFirst);
    }

    /** The {@code limit} messages of the anchor's room just before it, oldest first. */
    public Uni<List<ChatMessage>> before(ChatMessage anchor, int limit) {
        return find("roomId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                anchor.roomId, anchor.createdAt, anchor.id)
                .range(0, limit - 1)
                .list()
                .map(MessageRepository::oldestFirst);
    }

    private static List<ChatMessage> oldestFirst(List<ChatMessage> newestFirst) {
        List<ChatMessage> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
