package io.learnhub.report.chat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.learnhub.common.event.IncomingEvents;
import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.report.tracing.ReportSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/** Learns every chat room, in the room's trace; a record that cannot be applied goes to chat.room-created.v1.dlq. */
@ApplicationScoped
public class RoomCreatedConsumer {

    private final IncomingEvents events;
    private final ChatActivityService activity;

    RoomCreatedConsumer(IncomingEvents events, ChatActivityService activity) {
        this.events = events;
        this.activity = activity;
    }

    @Incoming("room-created-in")
    @WithSpan(ReportSpans.RECORD_ROOM_CREATED)
    public Uni<Void> onRoomCreated(String value) {
        Span span = Span.current();
        return events.consume(value, Topics.ROOM_CREATED, RoomCreated.class, event -> {
            span.setAttribute(SharedSpans.ROOM_ID, event.data().roomId().toString());
            if (event.data().teacherId() != null) {
                span.setAttribute(SharedSpans.TEACHER_ID, event.data().teacherId());
            }
            return activity.recordRoom(event.eventId(), event.data(), event.occurredAt())
                    .invoke(recorded -> span.setAttribute(SharedSpans.EVENT_DUPLICATE, !recorded))
                    .replaceWithVoid();
        });
    }
}
