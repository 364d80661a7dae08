package io.learnhub.chat.realtime;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.common.tracing.TraceContexts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Gets frames to the members of a room: live to those online, on whichever replica their
 * connections are (through {@link DeliveryChannel}), and durably queued in PostgreSQL for those
 * offline, pushed in order when they connect. Every frame a connection receives is sent in its
 * own {@code deliver_message} / {@code deliver_notification} span, a child of the span that
 * broadcast or queued it, and carries that span's {@code traceparent}.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    /** Pending frames claimed per round trip when a user connects; rounds repeat until none is left. */
    static final int PENDING_BATCH = 200;

    private final ChatConnections connections;
    private final DeliveryChannel channel;
    private final PendingDeliveryRepository pending;
    private final Frames frames;
    private final TraceContexts traceContexts;
    private final ReactiveSpans spans;
    private final Tracer tracer;
    private final Clock clock;

    public Deliveries(ChatConnections connections, DeliveryChannel channel, PendingDeliveryRepository pending, Frames frames,
            TraceContexts traceContexts, ReactiveSpans spans, Tracer tracer, Clock clock) {
        this.connections = connections;
        this.channel = channel;
        this.pending = pending;
        this.frames = frames;
        this.traceContexts = traceContexts;
        this.spans = spans;
        this.tracer = tracer;
        this.clock = clock;
    }

    /**
     * Keeps the frame for each of the users until they connect, inside the caller's transaction,
     * in span {@code queue_offline_delivery}.
     */
    public Uni<Void> queue(UUID roomId, UUID messageId, Collection<String> userIds, String frame) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return spans.inSpan(ChatSpans.QUEUE_OFFLINE_DELIVERY, span -> {
            span.setAttribute(SharedSpans.ROOM_ID, roomId.toString());
            if (messageId != null) {
                span.setAttribute(SharedSpans.MESSAGE_ID, messageId.toString());
            }
            span.setAttribute(ChatSpans.RECIPIENTS, (long) userIds.size());
            String traceContext = traceContexts.capture(Context.current());
            Instant now = clock.instant();
            return pending.persist(userIds.stream().sorted()
                    .map(userId -> PendingDelivery.of(userId, roomId, messageId, frame, traceContext, now)));
        });
    }

    /**
     * Publishes the frame to every replica, which push it to the recipients' open connections.
     * The current span becomes the parent of those deliveries.
     */
    public Uni<Void> broadcast(DeliveryKind kind, UUID roomId, UUID subjectId, Collection<String> recipients, String frame) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return channel.publish(new Delivery(kind, roomId, subjectId, List.copyOf(recipients), frame,
                traceContexts.headers(Context.current())));
    }

    /** Pushes a delivery from the channel to this replica's connections of its recipients. */
    void deliverHere(Delivery delivery) {
        Context parent = traceContexts.restore(delivery.traceContext());
        for (String userId : delivery.recipients()) {
            for (ChatConnection connection : connections.ofUser(userId)) {
                connection.sendLive(() -> push(connection, delivery.kind(), delivery.roomId(), delivery.subjectId(),
                        delivery.frame(), parent, DeliveryMode.ONLINE)
                        .subscribe().with(ignored -> {
                        }, failure -> LOG.debugf(failure, "Could not push a frame to connection %s", connection.id())));
            }
        }
    }

    /**
     * Pushes the frames queued for the connection's user, oldest first, deleting exactly those
     * written; then lets the live frames held back meanwhile through. When a frame cannot be
     * written (the socket went away), it and the later ones stay queued for the next connection,
     * and the returned {@code Uni} fails; a row that cannot be read is logged and dropped rather
     * than blocking the user's queue forever.
     */
    public Uni<Void> deliverPending(ChatConnection connection) {
        return deliverPendingBatch(connection).invoke(connection::caughtUp);
    }

    /** What pushing a claimed batch did: the rows now delivered (or dropped as unreadable), and why it stopped early, if it did. */
    private record Pushed(List<Long> done, Throwable stoppedBy, int claimed) {
    }

    private Uni<Void> deliverPendingBatch(ChatConnection connection) {
        return Panache.withTransaction(() -> pending.claim(connection.userId(), PENDING_BATCH)
                .chain(batch -> pushFrom(connection, batch, 0, new ArrayList<>()))
                .call(pushed -> pushed.done().isEmpty() ? Uni.createFrom().voidItem() : pending.deleteAll(pushed.done())))
                .chain(pushed -> {
                    if (pushed.stoppedBy() != null) {
                        return Uni.createFrom().failure(pushed.stoppedBy());
                    }
                    return pushed.claimed() < PENDING_BATCH ? Uni.createFrom().voidItem() : deliverPendingBatch(connection);
                });
    }

    /** Pushes {@code rows} from {@code index} on, one after the other, until one cannot be written. */
    private Uni<Pushed> pushFrom(ChatConnection connection, List<PendingDelivery> rows, int index, List<Long> done) {
        if (index == rows.size()) {
            return Uni.createFrom().item(new Pushed(done, null, rows.size()));
        }
        PendingDelivery row = rows.get(index);
        Uni<Void> push;
        try {
            push = pushQueued(connection, row);
        } catch (RuntimeException unreadable) {
            LOG.errorf(unreadable, "Dropping pending delivery %d of user %s: it cannot be read", row.id, row.userId);
            done.add(row.id);
            return pushFrom(connection, rows, index + 1, done);
        }
        return push.onItemOrFailure().transformToUni((ignored, failure) -> {
            if (failure != null) {
                return Uni.createFrom().item(new Pushed(done, failure, rows.size()));
            }
            done.add(row.id);
            return pushFrom(connection, rows, index + 1, done);
        });
    }

    private Uni<Void> pushQueued(ChatConnection connection, PendingDelivery row) {
        boolean message = row.messageId != null;
        return push(connection, message ? DeliveryKind.MESSAGE : DeliveryKind.NOTIFICATION, row.roomId,
                message ? row.messageId : row.roomId, row.frame, traceContexts.restore(row.traceContext), DeliveryMode.QUEUED);
    }

    private Uni<Void> push(ChatConnection connection, DeliveryKind kind, UUID roomId, UUID subjectId, String frame,
            Context parent, DeliveryMode mode) {
        Span span = tracer.spanBuilder(kind.spanName()).setParent(parent).startSpan();
        span.setAttribute(SharedSpans.ROOM_ID, roomId.toString());
        if (kind == DeliveryKind.MESSAGE) {
            span.setAttribute(SharedSpans.MESSAGE_ID, subjectId.toString());
        }
        span.setAttribute(SharedSpans.USER_ID, connection.userId());
        span.setAttribute(ChatSpans.DELIVERY, mode.attributeValue());
        String traced;
        try {
            traced = frames.withTraceparent(frame, traceContexts.traceparent(parent.with(span)));
        } catch (RuntimeException unreadable) {
            ReactiveSpans.markFailed(span, unreadable);
            span.end();
            throw unreadable;
        }
        return connection.socket().sendText(traced)
                .onTermination().invoke((ignored, failure, cancelled) -> {
                    if (failure != null) {
                        ReactiveSpans.markFailed(span, failure);
                    }
                    span.end();
                });
    }
}
