package io.learnhub.chat.notification;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.chat.realtime.Deliveries;
import io.learnhub.chat.realtime.DeliveryKind;
import io.learnhub.chat.realtime.Frames;
import io.learnhub.chat.realtime.Presence;
import io.learnhub.chat.room.RoomCreated;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.ProcessedEvents;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Span {@code send_notification}: a {@code notification} frame about a new room to its members,
 * live to those online (the creator's other sockets included) and queued for those offline but
 * the creator, who knows; once per event: the queued frames and the event id commit together, and
 * a redelivery does nothing. A failed live broadcast loses nothing that is not in the room list,
 * so it is logged, not retried.
 */
@ApplicationScoped
public class RoomNotifications {

    private static final Logger LOG = Logger.getLogger(RoomNotifications.class);

    private final Presence presence;
    private final Deliveries deliveries;
    private final Frames frames;
    private final ReactiveSpans spans;
    private final Clock clock;

    public RoomNotifications(Presence presence, Deliveries deliveries, Frames frames,
            ReactiveSpans spans, Clock clock) {
        this.presence = presence;
        this.deliveries = deliveries;
        this.frames = frames;
        this.spans = spans;
        this.clock = clock;
    }

    public Uni<Void> notifyMembers(EventEnvelope<RoomCreated> event) {
        RoomCreated room = event.data();
        return spans.inSpan(ChatSpans.SEND_NOTIFICATION, span -> {
            span.setAttribute(SharedSpans.ROOM_ID, room.roomId().toString());
            span.setAttribute(ChatSpans.RECIPIENTS, (long) room.memberIds().size());
            String frame = frames.roomCreated(room);
            return presence.onlineAmong(room.memberIds())
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf(failure, "Presence unavailable: queueing the notification for every member of room %s",
                                room.roomId());
                        return Set.of();
                    })
                    .chain(online -> {
                        Set<String> offline = new HashSet<>(room.memberIds());
                        offline.removeAll(online);
                        offline.remove(room.createdBy());
                        return Panache.withTransaction(() -> ProcessedEvents.markProcessed(event.eventId(), clock.instant())
                                .call(first -> first ? deliveries.queue(room.roomId(), null, offline, frame)
                                        : Uni.createFrom().voidItem()))
                                .chain(first -> first
                                        ? deliveries.broadcast(DeliveryKind.NOTIFICATION, room.roomId(), room.roomId(), online, frame)
                                                .onFailure().recoverWithItem(failure -> {
                                                    LOG.warnf(failure, "Could not broadcast the notification of room %s",
                                                            room.roomId());
                                                    return null;
                                                })
                                        : Uni.createFrom().voidItem());
                    });
        });
    }
}
