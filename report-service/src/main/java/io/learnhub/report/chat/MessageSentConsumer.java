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

/** Counts every message, in the message's trace; a record that cannot be applied goes to chat.message-sent.v1.dlq. */
@ApplicationScoped
public class MessageSentConsumer {

    private final IncomingEvents events;
    private final ChatActivityService activity;

    MessageSentConsumer(IncomingEvents events, ChatActivityService activity) {
        this.events = events;
        this.activity = activity;
    }

    @Incoming("message-sent-in")
    @WithSpan(ReportSpans.RECORD_MESSAGE_SENT)
    public Uni<Void> onMessageSent(String value) {
        Span span = Span.current();
        return events.consume(value, Topics.MESSAGE_SENT, MessageSent.class, event -> {
            span.setAttribute(SharedSpans.ROOM_ID, event.data().roomId().toString())
                    .setAttribute(SharedSpans.MESSAGE_ID, event.data().messageId().toString());
            return activity.recordMessage(event.eventId(), event.data())
                    .invoke(recorded -> span.setAttribute(SharedSpans.EVENT_DUPLICATE, !recorded))
                    .replaceWithVoid();
        });
    }
}
