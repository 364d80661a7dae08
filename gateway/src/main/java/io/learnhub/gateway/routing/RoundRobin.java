package io.learnhub.gateway.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out the replicas of one upstream in turn, so that requests and WebSocket connections
 * spread evenly over them. Thread-safe; with one replica it always returns that one.
 */
public final class RoundRobin<T> {

    private final List<T> replicas;
    private final AtomicInteger next = new AtomicInteger();

    public RoundRobin(List<T> replicas) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("A round robin needs at least one replica");
        }
        this.replicas = List.copyOf(replicas);
    }

    public List<T> all() {
        return replicas;
    }

    public T next() {
        // floorMod keeps the index valid once the counter wraps around to negative values
        return replicas.get(Math.floorMod(next.getAndIncrement(), replicas.size()));
    }

    /** The replica that follows {@code replica} in the list, wrapping around: where to fail over to. */
    public T after(T replica) {
        int index = replicas.indexOf(replica);
        if (index < 0) {
            throw new IllegalArgumentException(replica + " is not one of the replicas");
        }
        return replicas.get((index + 1) % replicas.size());
    }
}
