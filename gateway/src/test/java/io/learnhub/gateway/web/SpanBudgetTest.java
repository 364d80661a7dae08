package io.learnhub.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** A second's worth of spans at once, refilled continuously; a batch that does not fit takes nothing. */
class SpanBudgetTest {

    private final AtomicLong now = new AtomicLong();
    private final SpanBudget budget = new SpanBudget(100, now::get);

    @Test
    void takesUpToOneSecondsWorthThenRefusesWholeBatches() {
        assertThat(budget.tryTake(60)).isTrue();
        assertThat(budget.tryTake(50)).as("only 40 left").isFalse();
        assertThat(budget.tryTake(40)).isTrue();
        assertThat(budget.tryTake(1)).isFalse();
    }

    @Test
    void refillsWithTimeButNeverBeyondOneSecondsWorth() {
        budget.tryTake(100);
        now.addAndGet(500_000_000L);
        assertThat(budget.tryTake(51)).isFalse();
        assertThat(budget.tryTake(50)).isTrue();

        now.addAndGet(60_000_000_000L);
        assertThat(budget.tryTake(101)).isFalse();
        assertThat(budget.tryTake(100)).isTrue();
    }
}
