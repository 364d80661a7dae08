package io.learnhub.report.stats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** Stats are kept per ISO week: weeks start on Monday, and the day of an instant is taken in UTC. */
public final class IsoWeeks {

    private IsoWeeks() {
    }

    /** The Monday (UTC) of the ISO week the instant falls in. */
    public static LocalDate weekStart(Instant instant) {
        return weekStart(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The Monday of the ISO week the day falls in. */
    public static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
