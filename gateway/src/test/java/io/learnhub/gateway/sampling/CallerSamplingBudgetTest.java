package io.learnhub.gateway.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CallerSamplingBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();

    @Test
    void aClientGetsItsBudgetThenRefillsOverTheMinute() {
        CallerSamplingBudget budget = new CallerSamplingBudget(3, 1000, 100, now::get);

        assertThat(budget.tryAcquire("10.0.0.1")).isTrue();
        assertThat(budget.tryAcquire("10.0.0.1")).isTrue();
        assertThat(budget.tryAcquire("10.0.0.1")).isTrue();
        assertThat(budget.tryAcquire("10.0.0.1")).isFalse();

        now.addAndGet(20 * SECOND); // 3 per minute: one more every 20 s
        assertThat(budget.tryAcquire("10.0.0.1")).isTrue();
        assertThat(budget.tryAcquire("10.0.0.1")).isFalse();
    }

    @Test
    void eachClientHasItsOwnBudget() {
        CallerSamplingBudget budget = new CallerSamplingBudget(1, 1000, 100, now::get);

        assertThat(budget.tryAcquire("10.0.0.1")).isTrue();
        assertThat(budget.tryAcquire("10.0.0.1")).isFalse();
        assertThat(budget.tryAcquire("10.0.0.2")).isTrue();
    }

    @Test
    void trackedClientsAreBoundedAndRefilledOnesForgotten() {
        CallerSamplingBudget budget = new CallerSamplingBudget(1, 1000, 2, now::get);
        budget.tryAcquire("10.0.0.1");
        budget.tryAcquire("10.0.0.2");

        assertThat(budget.tryAcquire("10.0.0.3")).as("no room while both buckets are spent").isFalse();

        now.addAndGet(60 * SECOND);
        assertThat(budget.tryAcquire("10.0.0.3")).isTrue();
        assertThat(budget.trackedCallers()).isEqualTo(1);
    }

    @Test
    void allCallersTogetherHaveABudgetToo() {
        CallerSamplingBudget budget = new CallerSamplingBudget(5, 3, 100, now::get);

        assertThat(budget.tryAcquire("10.0.0.1")).isTrue();
        assertThat(budget.tryAcquire("10.0.0.2")).isTrue();
        assertThat(budget.tryAcquire("10.0.0.3")).isTrue();
        assertThat(budget.tryAcquire("10.0.0.4")).as("a fourth address, but the replica's budget is spent").isFalse();
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        CallerSamplingBudget budget = new CallerSamplingBudget(1, 1000, 100, now::get);

        assertThat(budget.tryAcquire("2001:db8:1:2::1")).isTrue();
        assertThat(budget.tryAcquire("2001:db8:1:2:ffff::7")).as("same /64").isFalse();
        assertThat(budget.tryAcquire("2001:db8:1:3::1")).isTrue();
    }

    @Test
    void anUnknownAddressOrAZeroBudgetGetsNothing() {
        assertThat(new CallerSamplingBudget(5, 1000, 100, now::get).tryAcquire(null)).isFalse();
        assertThat(new CallerSamplingBudget(0, 1000, 100, now::get).tryAcquire("10.0.0.1")).isFalse();
    }
}
