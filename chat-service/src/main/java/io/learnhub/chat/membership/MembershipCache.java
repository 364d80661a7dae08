package io.learnhub.chat.membership;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;

/**
 * The member ids of recently used rooms, as the Redis set {@code chat:room:{id}:members} with a
 * TTL. PostgreSQL stays the source of truth: the cache is filled from it on a miss and dropped
 * whenever a room's members change.
 */
@ApplicationScoped
public class MembershipCache {

    private final ReactiveRedisDataSource redis;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveKeyCommands<String> keys;
    private final Duration ttl;

    public MembershipCache(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "learnhub.chat.membership-cache.ttl") Duration ttl) {
        this.redis = redis;
        this.sets = redis.set(String.class);
        this.keys = redis.key();
        this.ttl = ttl;
    }

    static String key(UUID roomId) {
        return "chat:room:" + roomId + ":members";
    }

    /** The cached member ids of the room, empty when the room is not cached (rooms always have a member). */
    public Uni<Optional<Set<String>>> read(UUID roomId) {
        return sets.smembers(key(roomId)).map(members -> members.isEmpty() ? Optional.empty() : Optional.of(members));
    }

    /** Replaces the cached member ids of the room; the old set, the new one and its TTL change atomically. */
    public Uni<Void> fill(UUID roomId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String key = key(roomId);
        return redis.withTransaction(tx -> tx.key().del(key)
                .chain(() -> tx.set(String.class).sadd(key, memberIds.toArray(String[]::new)))
                .chain(() -> tx.key().expire(key, ttl)))
                .replaceWithVoid();
    }

    public Uni<Void> invalidate(UUID roomId) {
        return keys.del(key(roomId)).replaceWithVoid();
    }
}
