package io.learnhub.report.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class IsoWeeksTest {

    @Test
    void midweekInstantBelongsToThatWeeksMonday() {
        assertThat(IsoWeeks.weekStart(Instant.parse("2025-01-09T15:30:00Z"))).isEqualTo(LocalDate.parse("2025-01-06"));
    }

    @Test
    void mondayMidnightStartsItsOwnWeek() {
        assertThat(IsoWeeks.weekStart(Instant.parse("2025-01-06T00:00:00Z"))).isEqualTo(LocalDate.parse("2025-01-06"));
    }

    @Test
    void sundayJustBeforeMidnightBelongsToThePreviousMonday() {
        assertThat(IsoWeeks.weekStart(Instant.parse("2025-01-12T23:59:59.999Z"))).isEqualTo(LocalDate.parse("2025-01-06"));
    }

    @Test
    void dayIsTakenInUtcNotInTheSendersOffset() {
        // Monday 01:00 in Moscow is still Sunday in UTC
        Instant mondayInMoscow = OffsetDateTime.parse("2025-01-13T01:00:00+03:00").toInstant();
        assertThat(IsoWeeks.weekStart(mondayInMoscow)).isEqualTo(LocalDate.parse("2025-01-06"));
    }

    @Test
    void weekStartingInDecemberContainsNewYear() {
        assertThat(IsoWeeks.weekStart(Instant.parse("2025-01-01T12:00:00Z"))).isEqualTo(LocalDate.parse("2024-12-30"));
    }
}
