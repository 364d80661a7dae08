package io.learnhub.chat.realtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;

import io.learnhub.chat.message.MessageService;
import io.learnhub.chat.message.SendMessageRequest;
import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.error.ApiException;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.common.tracing.TraceContexts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The life of a {@code /ws/chat} connection: on open, presence and the frames queued while the
 * user was offline; then the client's frames; on close, presence again. A client frame never
 * closes the connection: whatever is wrong with it is answered with an {@code error} frame.
 */
@ApplicationScoped
public class ChatSessions {

    private static final Logger LOG = Logger.getLogger(ChatSessions.class);

    /** Close code 1013 (try again later): live chat is unavailable on this replica now; reconnect later. */
    static final int TRY_AGAIN_LATER = 1013;

    private final ChatConnections connections;
    private final DeliveryChannel channel;
    private final Presence presence;
    private final Deliveries deliveries;
    private final MessageService messages;
    private final Frames frames;
    private final Validator validator;
    private final TraceContexts traceContexts;
    private final ReactiveSpans spans;

    private volatile boolean presenceRefreshFailing;

    public ChatSessions(ChatConnections connections, DeliveryChannel channel, Presence presence, Deliveries deliveries,
            MessageService messages, Frames frames, Validator validator, TraceContexts traceContexts, ReactiveSpans spans) {
        this.connections = connections;
        this.channel = channel;
        this.presence = presence;
        this.deliveries = deliveries;
        this.messages = messages;
        this.frames = frames;
        this.validator = validator;
        this.traceContexts = traceContexts;
        this.spans = spans;
    }

    /**
     * Registers the connection (live frames are held back from now on), marks the user online,
     * pushes what was queued for them and then the held-back frames. Without Redis there is no
     * presence and no fan-out, and without the database no queued frames: the client gets an
     * {@code error} frame {@code realtime_unavailable} and the connection is closed with 1013
     * rather than left open and silent.
     */
    public Uni<Void> open(WebSocketConnection socket, String userId) {
        ChatConnection connection = new ChatConnection(socket, userId);
        return spans.inSpan(ChatSpans.OPEN_CONNECTION, upgradeContext(socket), context -> {
            Span.fromContext(context).setAttribute(SharedSpans.USER_ID, userId);
            if (!channel.listening()) {
                return refuse(connection, new IllegalStateException("not listening on the Redis channel"));
            }
            connections.add(connection);
            return presence.keepAlive(List.of(connection))
                    .call(() -> connections.byId(connection.id()).isPresent() ? Uni.createFrom().voidItem()
                            // closed while it was being marked online: do not leave it online for a TTL
                            : removeFromPresence(connection))
                    .chain(() -> deliveries.deliverPending(connection))
                    .onFailure().recoverWithUni(failure -> refuse(connection, failure));
        });
    }

    /**
     * The trace of the connection's upgrade (websockets-next calls {@code @OnOpen} with nothing
     * current): the handshake's {@code traceparent} and {@code baggage}, sent by the gateway's
     * bridge span, with the correlation id of {@code X-Correlation-ID} when the baggage has none.
     */
    private Context upgradeContext(WebSocketConnection socket) {
        HandshakeRequest handshake = socket.handshakeRequest();
        Map<String, String> headers = new HashMap<>();
        for (String name : List.of("traceparent", "tracestate", "baggage")) {
            String value = handshake.header(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        Context upgrade = traceContexts.restore(headers);
        if (CorrelationId.from(upgrade).isPresent()) {
            return upgrade;
        }
        return CorrelationId.withCorrelationId(upgrade, CorrelationId.firstAcceptableOrMint(handshake.header(CorrelationId.HEADER)));
    }

    private Uni<Void> refuse(ChatConnection connection, Throwable failure) {
        LOG.warnf(failure, "Closing WebSocket of user %s: live chat is unavailable", connection.userId());
        connections.remove(connection);
        return closeUnavailable(connection, "Live chat is unavailable right now; messages are kept and the REST API works. Reconnect later.");
    }

    /** This replica lost the Redis channel: every socket is told and closed, so that its client reconnects. */
    void closeAll() {
        for (ChatConnection connection : connections.all()) {
            connections.remove(connection);
            closeUnavailable(connection, "Live delivery was interrupted; reconnect later (messages sent meanwhile are kept)")
                    .subscribe().with(ignored -> {
                    }, failure -> LOG.debugf(failure, "Could not close connection %s", connection.id()));
        }
    }

    private Uni<Void> closeUnavailable(ChatConnection connection, String message) {
        String traceId = Span.current().getSpanContext().isValid() ? Span.current().getSpanContext().getTraceId() : null;
        String correlationId = CorrelationId.current().orElseGet(CorrelationId::mint);
        return connection.socket()
                .sendText(frames.error("realtime_unavailable", message, correlationId, traceId))
                .eventually(() -> connection.socket().close(new CloseReason(TRY_AGAIN_LATER, "realtime unavailable")));
    }

    public Uni<Void> close(WebSocketConnection socket) {
        return connections.byId(socket.id())
                .map(connection -> {
                    connections.remove(connection);
                    return spans.untraced(() -> removeFromPresence(connection));
                })
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private Uni<Void> removeFromPresence(ChatConnection connection) {
        return presence.remove(connection).onFailure().recoverWithItem(failure -> {
            LOG.debugf(failure, "Could not remove connection %s from presence; it expires", connection.id());
            return null;
        });
    }

    /** Keeps this replica's connections online for another TTL; a replica that stops leaves them to expire. */
    @Scheduled(identity = "chat-presence-refresh", every = "${learnhub.chat.realtime.presence-refresh-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshPresence() {
        return spans.untraced(() -> presence.keepAlive(connections.all()))
                .invoke(() -> presenceRefreshFailing = false)
                .onFailure().recoverWithItem(failure -> {
                    if (!presenceRefreshFailing) {
                        LOG.warnf(failure, "Could not refresh presence: this replica's users go offline after the TTL");
                        presenceRefreshFailing = true;
                    }
                    return null;
                });
    }

    /** Answers a client frame: {@code ping} with {@code pong}, {@code send} with {@code sent}; anything wrong with {@code error}. */
    public Uni<Void> receive(WebSocketConnection socket, String text) {
        ChatConnection connection = connections.byId(socket.id()).orElse(null);
        if (connection == null) {
            return Uni.createFrom().voidItem();
        }
        ClientFrame frame;
        try {
            frame = frames.parse(text);
        } catch (InvalidFrameException invalid) {
            return traced(connection, null, null, span -> {
                span.setAttribute(ChatSpans.FRAME_TYPE, "invalid");
                return Uni.createFrom().failure(invalid);
            });
        }
        if (ClientFrame.PING.equals(frame.type())) {
            return spans.untraced(() -> presence.keepAlive(List.of(connection)))
                    .onItemOrFailure().transformToUni((ignored, failure) -> socket.sendText(failure == null
                            ? frames.pong()
                            : frames.error("realtime_unavailable", "Presence is unavailable right now",
                                    CorrelationId.mint(), null)));
        }
        return traced(connection, frame.traceparent(), frame.correlationId(), span -> {
            span.setAttribute(ChatSpans.FRAME_TYPE, frame.type());
            span.setAttribute(SharedSpans.USER_ID, connection.userId());
            SendMessageRequest request = new SendMessageRequest(frame.roomId(), frame.body());
            Set<ConstraintViolation<SendMessageRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                return Uni.createFrom().failure(new ConstraintViolationException(violations));
            }
            return messages.send(request, connection.userId())
                    .map(sent -> frames.sent(sent, traceContexts.traceparent(Context.current())));
        });
    }

    /**
     * Runs the frame's work in span {@code receive_frame}, whose parent is the frame's
     * {@code traceparent} (the gateway's {@code relay_frame}, under the sender's browser span) or,
     * without one, nothing: then the frame is its own trace. The correlation id is the frame's
     * {@code correlationId} when acceptable, else a fresh one. Sends the answer, or the
     * {@code error} frame.
     */
    private Uni<Void> traced(ChatConnection connection, String traceparent, String frameCorrelationId,
            Function<Span, Uni<String>> work) {
        String correlationId = CorrelationId.firstAcceptableOrMint(frameCorrelationId);
        Context parent = CorrelationId.withCorrelationId(parentOf(traceparent), correlationId);
        return spans.inSpan(ChatSpans.RECEIVE_FRAME, parent, context -> {
            Span span = Span.fromContext(context);
            String traceId = span.getSpanContext().getTraceId();
            return work.apply(span)
                    .onFailure().invoke(failure -> ReactiveSpans.markFailed(span, failure))
                    .onFailure().recoverWithItem(failure -> errorFrame(failure, correlationId, traceId))
                    .chain(answer -> connection.socket().sendText(answer));
        });
    }

    private Context parentOf(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return traceContexts.restore(Map.of("traceparent", traceparent));
    }

    private String errorFrame(Throwable failure, String correlationId, String traceId) {
        if (failure instanceof ApiException api) {
            return frames.error(api.error(), api.getMessage(), correlationId, traceId);
        }
        if (failure instanceof ConstraintViolationException invalid) {
            String message = invalid.getConstraintViolations().stream()
                    .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; "));
            return frames.error("validation_failed", message, correlationId, traceId);
        }
        LOG.error("Unexpected error while handling a WebSocket frame", failure);
        return frames.error("internal_error", "An unexpected error occurred; quote the correlationId when reporting it",
                correlationId, traceId);
    }
}
