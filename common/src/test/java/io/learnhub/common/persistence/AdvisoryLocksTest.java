package io.learnhub.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdvisoryLocksTest {

    @Test
    void sameNameSameKey() {
        assertThat(AdvisoryLocks.key("material-access", "2001", "course-1"))
                .isEqualTo(AdvisoryLocks.key("material-access", "2001", "course-1"));
    }

    @Test
    void partsAreNotConcatenatedAmbiguously() {
        assertThat(AdvisoryLocks.key("ab", "c")).isNotEqualTo(AdvisoryLocks.key("a", "bc"));
        assertThat(AdvisoryLocks.key("material-access", "2001", "course-1"))
                .isNotEqualTo(AdvisoryLocks.key("material-access", "2001", "course-2"));
    }
}
