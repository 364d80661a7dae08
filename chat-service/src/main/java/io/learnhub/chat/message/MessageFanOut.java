package io.learnhub.chat.message;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.chat.realtime.Deliveries;
import io.learnhub.chat.realtime.DeliveryKind;
import io.learnhub.chat.realtime.Frames;
import io.learnhub.chat.realtime.Presence;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.Topics;
import io.learnhub.common.outbox.Outbox;
import io.learnhub.common.outbox.OutboxEvent;
import io.learnhub.common.outbox.OutboxPublisher;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * What follows a stored message, for a member's message and a SYSTEM message alike: inside the
 * message's transaction, its chat.message-sent.v1 event (outbox) and the deliveries kept for the
 * members offline; after the commit, the event's publish and the live broadcast to the members
 * online.
 */
@ApplicationScoped
public class MessageFanOut {

    private static final Logger LOG = Logger.getLogger(MessageFanOut.class);

    /** Who gets the message how, decided from presence before it is stored. */
    public record Audience(MessageResponse message, String frame, Set<String> online, Set<String> offline) {
    }

    private final Presence presence;
    private final Deliveries deliveries;
    private final Frames frames;
    private final Outbox outbox;
    private final OutboxPublisher publisher;
    private final ReactiveSpans spans;

    public MessageFanOut(Presence presence, Deliveries deliveries, Frames frames, Outbox outbox, OutboxPublisher publisher,
            ReactiveSpans spans) {
        this.presence = presence;
        this.deliveries = deliveries;
        this.frames = frames;
        this.outbox = outbox;
        this.publisher = publisher;
        this.spans = spans;
    }

    /**
     * Splits the room's members into those online and those offline (the author, if any, is never
     * queued: they wrote it). When Redis cannot tell, everybody is offline: nobody loses the message.
     */
    public Uni<Audience> audience(ChatMessage message, Set<String> members) {
        MessageResponse response = MessageResponse.of(message);
        return presence.onlineAmong(members)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Presence unavailable: queueing message %s for every member", message.id);
                    return Set.of();
                })
                .map(online -> {
                    Set<String> offline = new HashSet<>(members);
                    offline.removeAll(online);
                    if (message.senderId != null) {
                        offline.remove(message.senderId);
                    }
                    return new Audience(response, frames.message(response), online, offline);
                });
    }

    /** Inside the message's transaction: the event to publish under {@code publishUnder}, and the offline deliveries. */
    public Uni<OutboxEvent> record(Audience audience, ChatMessage message, Context publishUnder) {
        return outbox.enqueue(publishUnder, message.roomId.toString(),
                EventEnvelope.create(Topics.MESSAGE_SENT, MessageSent.of(message), message.createdAt))
                .call(() -> deliveries.queue(message.roomId, message.id, audience.offline(), audience.frame()));
    }

    /**
     * After the commit: hands the event to Kafka in the background and pushes the message to the
     * members online in span broadcast_message. A failure here loses nothing (the message is
     * stored, in the history, and the event is in the outbox) and fails nothing.
     */
    public Uni<Void> deliver(Audience audience, OutboxEvent event) {
        publisher.publishInBackground(event);
        if (audience.online().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        MessageResponse message = audience.message();
        return spans.inSpan(ChatSpans.BROADCAST_MESSAGE, span -> {
            span.setAttribute(SharedSpans.ROOM_ID, message.roomId().toString());
            span.setAttribute(SharedSpans.MESSAGE_ID, message.id().toString());
            span.setAttribute(ChatSpans.RECIPIENTS, (long) audience.online().size());
            return deliveries.broadcast(DeliveryKind.MESSAGE, message.roomId(), message.id(), audience.online(),
                    audience.frame());
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "Could not broadcast message %s; it stays in the room's history", message.id());
            return null;
        });
    }
}
