package io.learnhub.chat.message;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.chat.membership.MembershipService;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Posting and reading the messages of a room; both are for its members only. */
@ApplicationScoped
public class MessageService {

    public static final int MAX_BODY_LENGTH = 4000;

    private final MessageRepository messages;
    private final MembershipService memberships;
    private final ReactiveSpans spans;
    private final Clock clock;

    public MessageService(MessageRepository messages, MembershipService memberships, ReactiveSpans spans, Clock clock) {
        this.messages = messages;
        this.memberships = memberships;
        this.spans = spans;
        this.clock = clock;
    }

    public Uni<MessageResponse> send(SendMessageRequest request, String senderId) {
        return spans.inSpan(ChatSpans.SEND_MESSAGE, span -> {
            ChatMessage message = ChatMessage.user(request.roomId(), senderId, request.body(), clock.instant());
            span.setAttribute(ChatSpans.ROOM_ID, message.roomId.toString());
            span.setAttribute(ChatSpans.MESSAGE_ID, message.id.toString());
            span.setAttribute(ChatSpans.MESSAGE_LENGTH, (long) message.body.length());
            span.setAttribute(SharedSpans.USER_ID, senderId);
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
}
