package io.learnhub.gateway.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Who to sign in as, in the local run: any user id, one role. */
public record DevSignInRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "1 to 64 letters, digits, '_' or '-'") String userId,
        @NotNull @Pattern(regexp = "student|teacher|admin", message = "student, teacher or admin") String role) {
}
