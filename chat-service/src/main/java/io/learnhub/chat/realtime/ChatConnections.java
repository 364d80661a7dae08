package io.learnhub.chat.realtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The connections open on this replica, by user. */
@ApplicationScoped
public class ChatConnections {

    private final Map<String, Set<ChatConnection>> byUser = new ConcurrentHashMap<>();
    private final Map<String, ChatConnection> byId = new ConcurrentHashMap<>();

    public void add(ChatConnection connection) {
        byId.put(connection.id(), connection);
        byUser.computeIfAbsent(connection.userId(), ignored -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    public void remove(ChatConnection connection) {
        byId.remove(connection.id());
        byUser.computeIfPresent(connection.userId(), (userId, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    /** The connection of this WebSocket connection id, if it is still open here. */
    public Optional<ChatConnection> byId(String connectionId) {
        return Optional.ofNullable(byId.get(connectionId));
    }

    public Collection<ChatConnection> ofUser(String userId) {
        Set<ChatConnection> connections = byUser.get(userId);
        return connections == null ? List.of() : List.copyOf(connections);
    }

    public List<ChatConnection> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }
}
