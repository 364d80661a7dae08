package io.learnhub.gateway.sampling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.learnhub.common.net.AddressRanges;

/**
 * Token buckets of requests that may still be traced because the caller asked: one per client
 * address (an IPv6 client by its /64, which one subscriber usually has whole) and one for all
 * callers together, so that many addresses cannot add up to an unbounded share. Each holds up to
 * a minute's budget and refills continuously. Kept in this gateway replica's memory: the budget
 * guards the tracing pipeline, and each replica only sees its share of the requests anyway.
 */
final class CallerSamplingBudget {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    private static final long NANOS_BETWEEN_SWEEPS = 1_000_000_000L;

    private final double perCaller;
    private final int maxTrackedCallers;
    private final LongSupplier nanoTime;
    private final Bucket allCallers;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

    CallerSamplingBudget(int perCallerPerMinute, int allCallersPerMinute, int maxTrackedCallers, LongSupplier nanoTime) {
        this.perCaller = perCallerPerMinute;
        this.maxTrackedCallers = maxTrackedCallers;
        this.nanoTime = nanoTime;
        this.allCallers = new Bucket(allCallersPerMinute, nanoTime.getAsLong());
    }

    /**
     * Takes one request from the address's budget and from all callers' together; false when
     * either is spent, or the address is unknown and there is no room to track it.
     */
    boolean tryAcquire(String address) {
        if (address == null || perCaller <= 0) {
            return false;
        }
        String caller = AddressRanges.subscriberOf(address);
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(caller);
        if (bucket == null) {
            if (buckets.size() >= maxTrackedCallers) {
                forgetRefilledBuckets(now);
                if (buckets.size() >= maxTrackedCallers) {
                    return false;
                }
            }
            bucket = buckets.computeIfAbsent(caller, ignored -> new Bucket(perCaller, now));
        }
        synchronized (allCallers) {
            synchronized (bucket) {
                bucket.refill(now);
                allCallers.refill(now);
                if (bucket.tokens < 1 || allCallers.tokens < 1) {
                    return false;
                }
                bucket.tokens -= 1;
                allCallers.tokens -= 1;
                return true;
            }
        }
    }

    int trackedCallers() {
        return buckets.size();
    }

    /**
     * A full bucket is the same as none: dropping it frees room for other clients. At most once a
     * second, so that a flood of new addresses does not make every request scan the table.
     */
    private void forgetRefilledBuckets(long now) {
        long last = lastSweep.get();
        if (last != Long.MIN_VALUE && now - last < NANOS_BETWEEN_SWEEPS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now);
                return bucket.tokens >= bucket.capacity;
            }
        });
    }

    private static final class Bucket {

        private final double capacity;
        private double tokens;
        private long refilledAt;

        Bucket(double perMinute, long now) {
            this.capacity = perMinute;
            this.tokens = perMinute;
            this.refilledAt = now;
        }

        void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * capacity / NANOS_PER_MINUTE);
            refilledAt = now;
        }
    }
}
