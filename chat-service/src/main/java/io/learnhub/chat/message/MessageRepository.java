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
                .map(newestFirst -> {
                    List<ChatMessage> oldestFirst = new ArrayList<>(newestFirst);
                    Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
    }
}
