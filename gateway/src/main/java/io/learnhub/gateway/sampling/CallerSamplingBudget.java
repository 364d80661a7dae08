package io.learnhub.gateway.sampling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: how many of its requests may still be traced because the
 * caller asked. Each bucket holds up to a minute's budget and refills continuously. Kept in this
 * gateway replica's memory: the budget guards the tracing pipeline against one client, and each
 * replica only sees its share of that client's requests anyway.
 */
final class CallerSamplingBudget {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final double capacity;
    private final double tokensPerNano;
    private final int maxTrackedCallers;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    CallerSamplingBudget(int perMinute, int maxTrackedCallers, LongSupplier nanoTime) {
        this.capacity = perMinute;
        this.tokensPerNano = perMinute / (double) NANOS_PER_MINUTE;
        this.maxTrackedCallers = maxTrackedCallers;
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the address's budget; false when it is spent (or unknown and there is no room). */
    boolean tryAcquire(String address) {
        if (address == null || capacity <= 0) {
            return false;
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            if (buckets.size() >= maxTrackedCallers) {
                forgetRefilledBuckets(now);
                if (buckets.size() >= maxTrackedCallers) {
                    return false;
                }
            }
            bucket = buckets.computeIfAbsent(address, ignored -> new Bucket(capacity, now));
        }
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    int trackedCallers() {
        return buckets.size();
    }

    /** A full bucket is the same as none: dropping it frees room for other clients. */
    private void forgetRefilledBuckets(long now) {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now);
                return bucket.tokens >= capacity;
            }
        });
    }

    private final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
        }
    }
}
