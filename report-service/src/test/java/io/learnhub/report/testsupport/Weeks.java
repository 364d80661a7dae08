package io.learnhub.report.testsupport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A past ISO week of its own for each test: runs report on every known teacher, so tests that run
 * the weekly job keep apart by week (and by teacher ids of their own).
 */
public final class Weeks {

    private static final LocalDate FIRST_MONDAY = LocalDate.of(2020, 1, 6);

    private Weeks() {
    }

    /** The Monday of a random ISO week between 2020 and 2025. */
    public static LocalDate randomPastWeek() {
        return FIRST_MONDAY.plusWeeks(ThreadLocalRandom.current().nextInt(300));
    }

    /** Noon UTC on the given day of the week starting {@code monday} (0 = Monday). */
    public static Instant at(LocalDate monday, int day) {
        return monday.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }
}
