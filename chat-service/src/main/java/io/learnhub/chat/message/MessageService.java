package io.learnhub.chat.message;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.chat.membership.MembershipService;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Posting and reading the messages of a room; both are for its members only. A message, its
 * chat.message-sent.v1 event (outbox) and the deliveries kept for offline members commit together;
 * then the event is published and the message is broadcast to the members online
 * ({@link MessageFanOut}).
 */
@ApplicationScoped
public class MessageService {

    public static final int MAX_BODY_LENGTH = 4000;
    public static final int MAX_PAGE_SIZE = 100;

    private final MessageRepository messages;
    private final MembershipService memberships;
    private final MessageFanOut fanOut;
    private final ReactiveSpans spans;
    private final Clock clock;

    public MessageService(MessageRepository messages, MembershipService memberships, MessageFanOut fanOut,
            ReactiveSpans spans, Clock clock) {
        this.messages = messages;
        this.memberships = memberships;
        this.fanOut = fanOut;
        this.spans = spans;
        this.clock = clock;
    }

    public Uni<MessageResponse> send(SendMessageRequest request, String senderId) {
        return spans.inSpan(ChatSpans.SEND_MESSAGE, span -> {
            Context sending = Context.current();
            ChatMessage message = ChatMessage.user(request.roomId(), senderId, request.body(), clock.instant());
            span.setAttribute(SharedSpans.ROOM_ID, message.roomId.toString());
            span.setAttribute(SharedSpans.MESSAGE_ID, message.id.toString());
            span.setAttribute(ChatSpans.MESSAGE_LENGTH, (long) message.body.length());
            span.setAttribute(SharedSpans.USER_ID, senderId);
            // the cache answers "may the sender post"; who receives it comes from PostgreSQL, so a
            // stale cache entry can never leave a new member without the message
            return memberships.requireMember(message.roomId, senderId)
                    .chain(() -> Panache.withSession(() -> memberships.memberIdsOf(message.roomId)))
                    .chain(memberIds -> fanOut.audience(message, Set.copyOf(memberIds)))
                    .chain(audience -> Panache.withTransaction(() -> messages.persist(message)
                            .chain(() -> fanOut.record(audience, message, sending)))
                            .chain(event -> fanOut.deliver(audience, event))
                            .replaceWith(audience.message()));
        });
    }

    /**
     * A page of the room's history, oldest first: the {@code limit} messages just before message
     * {@code before} (keyset pagination), or the latest ones when {@code before} is null.
     */
    public Uni<List<MessageResponse>> history(UUID roomId, String userId, UUID before, int limit) {
        return memberships.requireMember(roomId, userId)
                .chain(() -> Panache.withSession(() -> before == null
                        ? messages.latest(roomId, limit)
                        : messages.findById(before).chain(anchor -> {
                            if (anchor == null || !anchor.roomId.equals(roomId)) {
                                throw new NotFoundException("Message", before);
                            }
                            return messages.before(anchor, limit);
                        })))
                .map(list -> list.stream().map(MessageResponse::of).toList());
    }
}
