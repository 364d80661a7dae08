package io.learnhub.chat.room;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.KafkaRecords;
import io.learnhub.common.event.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes chat.room-created.v1 once a room is committed. The caller does not wait for Kafka's
 * acknowledgement: the room exists whatever happens to the notification, so a broker outage must
 * not turn a successful creation into an error (a transactional outbox would make delivery
 * certain; until then a failure is logged with the trace and correlation ids).
 */
@ApplicationScoped
public class RoomEventPublisher {

    private static final Logger LOG = Logger.getLogger(RoomEventPublisher.class);

    private final MutinyEmitter<EventEnvelope<RoomCreated>> roomCreated;

    public RoomEventPublisher(@Channel("room-created-out") MutinyEmitter<EventEnvelope<RoomCreated>> roomCreated) {
        this.roomCreated = roomCreated;
    }

    /**
     * Hands the committed room's event to the Kafka producer; call it in the request's or message's
     * context so the record carries its trace.
     */
    public void publish(Room room, List<String> sortedMemberIds) {
        RoomCreated data = new RoomCreated(room.id, room.type, room.courseId, room.createdBy, sortedMemberIds);
        EventEnvelope<RoomCreated> envelope = EventEnvelope.create(Topics.ROOM_CREATED, data, room.createdAt);
        roomCreated.sendMessage(KafkaRecords.keyed(data.roomId().toString(), envelope))
                .subscribe().with(
                        ignored -> LOG.debugf("Published %s for room %s", Topics.ROOM_CREATED, data.roomId()),
                        failure -> LOG.errorf(failure, "Could not publish %s for room %s", Topics.ROOM_CREATED, data.roomId()));
    }
}
