package io.learnhub.chat.membership;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * "My rooms" of recently active users: the JSON of a user's room list as {@code chat:user:{id}:rooms},
 * with the membership cache's TTL. It is dropped for every member of a room whose members change
 * (and for the members of a new room) once the change has committed. A read that loaded the list
 * from PostgreSQL just before that commit may still store the old list after the drop (the usual
 * cache-aside race): the TTL bounds how long such a list can miss the room.
 */
@ApplicationScoped
public class UserRoomsCache {

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveRedisDataSource redis;
    private final Duration ttl;

    public UserRoomsCache(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "learnhub.chat.membership-cache.ttl") Duration ttl) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.ttl = ttl;
    }

    static String key(String userId) {
        return "chat:user:" + userId + ":rooms";
    }

    public Uni<Optional<String>> read(String userId) {
        return values.get(key(userId)).map(Optional::ofNullable);
    }

    public Uni<Void> fill(String userId, String roomsJson) {
        return values.set(key(userId), roomsJson, new SetArgs().ex(ttl));
    }

    public Uni<Void> invalidate(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.key().del(userIds.stream().map(UserRoomsCache::key).toArray(String[]::new)).replaceWithVoid();
    }
}
