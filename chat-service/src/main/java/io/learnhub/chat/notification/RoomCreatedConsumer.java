package io.learnhub.chat.notification;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.learnhub.chat.room.RoomCreated;
import io.learnhub.common.event.IncomingEvents;
import io.learnhub.common.event.Topics;
import io.smallrye.mutiny.Uni;

/**
 * Consumes chat.room-created.v1 (one replica per record: the consumer group is chat-service) and
 * tells the room's members, in the trace of the request that created the room.
 */
@ApplicationScoped
public class RoomCreatedConsumer {

    private final IncomingEvents events;
    private final RoomNotifications notifications;

    public RoomCreatedConsumer(IncomingEvents events, RoomNotifications notifications) {
        this.events = events;
        this.notifications = notifications;
    }

    @Incoming("room-created-in")
    public Uni<Void> consume(String value) {
        return events.consume(value, Topics.ROOM_CREATED, RoomCreated.class, notifications::notifyMembers);
    }
}
