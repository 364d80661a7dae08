package io.learnhub.chat.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.chat.membership.MembershipService;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.tracing.ReactiveSpans;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Posting and reading the messages of a room; both are for its members only. */
@ApplicationScoped
public class MessageService {

    public static final int MAX_BODY_LENGTH = 4000;

    private final MessageRepository messages;
    private final MembershipService memberships;
    private final ReactiveSpans spans;

    public MessageService(MessageRepository messages, MembershipService memberships, ReactiveSpans spans) {
        this.messages = messages;
        this.memberships = memberships;
        this.spans = spans;
    }

    public Uni<MessageResponse> send(SendMessageRequest request, String senderId) {
        return spans.inSpan(ChatSpans.SEND_MESSAGE, span -> {
            ChatMessage message = ChatMessage.user(request.roomId(), senderId, request.body(), now());
            span.setAttribute(ChatSpans.ROOM_ID, message.roomId.toString());
            span.setAttribute(ChatSpans.MESSAGE_ID, message.id.toString());
            span.setAttribute(ChatSpans.MESSAGE_LENGTH, (long) message.body.length());
            span.setAttribute(ChatSpans.USER_ID, senderId);
            return memberships.requireMember(message.roomId, senderId)
                    .chain(() -> Panache.withTransaction(() -> messages.persist(message)))
                    .map(MessageResponse::of);
        });
    }

    /** The room's latest {@code limit} messages, oldest first. */
    public Uni<List<MessageResponse>> latest(UUID roomId, String userId, int limit) {
        return memberships.requireMember(roomId, userId)
                .chain(() -> Panache.withSession(() -> messages.latest(roomId, limit)))
                .map(list -> list.stream().map(MessageResponse::of).toList());
    }

    /** PostgreSQL keeps microseconds: truncate so that the response shows what was stored. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
