package io.learnhub.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SandboxGuardTest {

    @Test
    void enabledInProdAloneStopsTheService() {
        assertThatThrownBy(() -> SandboxGuard.check(true, List.of("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only for the dev, test and local profiles");
    }

    @Test
    void enabledWithTheLocalProfileIsAllowed() {
        assertThatCode(() -> SandboxGuard.check(true, List.of("prod", "local"))).doesNotThrowAnyException();
        assertThatCode(() -> SandboxGuard.check(true, List.of("dev"))).doesNotThrowAnyException();
        assertThatCode(() -> SandboxGuard.check(true, List.of("test"))).doesNotThrowAnyException();
    }

    @Test
    void disabledIsAlwaysAllowed() {
        assertThatCode(() -> SandboxGuard.check(false, List.of("prod"))).doesNotThrowAnyException();
    }
}
