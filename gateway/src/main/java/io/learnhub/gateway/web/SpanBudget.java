package io.learnhub.gateway.web;

import java.util.function.LongSupplier;

/**
 * How many browser spans this replica may still relay: a token bucket of one second's worth,
 * refilled continuously, for all browsers together, so that many addresses cannot add up to a
 * flood that crowds the gateway's own spans out of the export queue.
 */
final class SpanBudget {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    SpanBudget(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = perSecond;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes {@code spans} from the budget if all of them fit; else takes nothing. */
    synchronized boolean tryTake(int spans) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(perSecond, tokens + (now - refilledAt) / NANOS_PER_SECOND * perSecond);
        refilledAt = now;
        if (tokens < spans) {
            return false;
        }
        tokens -= spans;
        return true;
    }
}
