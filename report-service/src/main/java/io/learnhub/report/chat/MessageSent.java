package io.learnhub.report.chat;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The data of a chat.message-sent.v1 event (never the body); a USER message names its sender. */
public record MessageSent(
        @NotNull UUID messageId,
        @NotNull UUID roomId,
        @Size(min = 1, max = 64) String senderId,
        @NotNull @Pattern(regexp = "USER|SYSTEM") String kind,
        @NotNull Instant sentAt) {

    static final String USER = "USER";

    /** Whether a user wrote it; SYSTEM messages (a student joined, say) count for nobody. */
    public boolean byUser() {
        return USER.equals(kind);
    }

    @AssertTrue(message = "a USER message names its sender")
    boolean isSenderNamedForUserMessages() {
        return !byUser() || senderId != null;
    }
}
