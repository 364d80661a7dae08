package io.learnhub.chat.message;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/chat/messages}. */
public record SendMessageRequest(
        @NotNull UUID roomId,
        @NotBlank @Size(max = MessageService.MAX_BODY_LENGTH) String body) {
}
