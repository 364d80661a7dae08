package io.learnhub.gateway.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The dev sign-in runs only in the dev, test and local profiles, whatever spelling switches it on elsewhere. */
class DevSignInGuardTest {

    @Test
    void onInProductionStopsTheStart() {
        for (String on : List.of("true", "TRUE", "True", "yes")) {
            assertThatThrownBy(() -> DevSignInGuard.check(Optional.of(on), List.of("prod")))
                    .as(on).isInstanceOf(IllegalStateException.class).hasMessageContaining("LEARNHUB_GATEWAY_WEB_DEV_SIGN_IN_ENABLED");
        }
    }

    @Test
    void offOrMissingIsFineAnywhere() {
        assertThatCode(() -> DevSignInGuard.check(Optional.of("false"), List.of("prod"))).doesNotThrowAnyException();
        assertThatCode(() -> DevSignInGuard.check(Optional.empty(), List.of("prod"))).doesNotThrowAnyException();
    }

    @Test
    void onInTheLocalRunDevAndTestsIsFine() {
        assertThatCode(() -> DevSignInGuard.check(Optional.of("true"), List.of("prod", "local"))).doesNotThrowAnyException();
        assertThatCode(() -> DevSignInGuard.check(Optional.of("true"), List.of("dev"))).doesNotThrowAnyException();
        assertThatCode(() -> DevSignInGuard.check(Optional.of("true"), List.of("test"))).doesNotThrowAnyException();
    }
}
