package io.learnhub.chat.room;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.Topics;
import io.learnhub.common.outbox.Outbox;
import io.learnhub.common.outbox.OutboxEvent;
import io.learnhub.common.outbox.OutboxPublisher;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * chat.room-created.v1 through the transactional outbox: the event is written in the transaction
 * that creates the room and published once it has committed; if that publish fails, the outbox
 * relay sends it later, in the same trace.
 */
@ApplicationScoped
public class RoomEvents {

    private final Outbox outbox;
    private final OutboxPublisher publisher;

    public RoomEvents(Outbox outbox, OutboxPublisher publisher) {
        this.outbox = outbox;
        this.publisher = publisher;
    }

    /**
     * Queues the room's event inside the caller's transaction, to be published under
     * {@code publishUnder}; {@code teacherId} is the teacher whose room it is, or null.
     */
    public Uni<OutboxEvent> enqueue(Context publishUnder, Room room, String teacherId, List<String> sortedMemberIds) {
        RoomCreated data = new RoomCreated(room.id, room.type, room.courseId, room.createdBy, teacherId, sortedMemberIds);
        return outbox.enqueue(publishUnder, room.id.toString(), EventEnvelope.create(Topics.ROOM_CREATED, data, room.createdAt));
    }

    /** Publishes a committed event without waiting for Kafka; the caller goes on. */
    public void publish(OutboxEvent event) {
        publisher.publishInBackground(event);
    }
}
