package io.learnhub.common.time;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one injectable clock of every service: whatever needs "now" asks it, so that a test can
 * replace it. It ticks in microseconds, PostgreSQL's precision, so that a timestamp a service
 * returns is the one it stored.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
