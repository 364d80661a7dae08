package io.learnhub.gateway.websocket;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.learnhub.gateway.routing.Upstream;
import io.learnhub.gateway.routing.UpstreamUnavailableException;
import io.learnhub.gateway.tracing.OutboundSocketSpan;
import io.learnhub.gateway.websocket.FrameRelayTracing.RelayedFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * One client socket on the gateway's {@code /ws/chat} and its socket to chat-service: text frames
 * relayed unchanged both ways, a close on either side relayed to the other with the same code and
 * reason, and an upstream that cannot be reached reported to the client as an
 * {@code upstream_unavailable} error frame followed by close code 1011, never as a silent drop.
 *
 * <p>Frames the client sends while the upstream socket is still opening wait here, up to
 * {@code learnhub.gateway.websocket.max-pending-frames}, and go out first, in order, once it is
 * open. The two sockets call back on different event loops, so the state changes under this
 * object's lock; Vert.x writes a socket's frames in the order they are sent, and each direction
 * is sent from one event loop (the client's, where the bridge also learns that the upstream socket
 * is open), so frames keep their order.
 */
final class BridgedSocket {

    private static final Logger LOG = Logger.getLogger(BridgedSocket.class);

    /** 1013 Try Again Later (RFC 6455 §7.4.2, IANA registry): the client sent too much too early. */
    private static final CloseReason TOO_MANY_PENDING_FRAMES = new CloseReason(WebSocketCloseStatus.TRY_AGAIN_LATER.code(),
            "too many frames before chat-service answered");
    private static final CloseReason GOING_AWAY = new CloseReason(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code());

    private enum State {
        CONNECTING, OPEN, CLOSED
    }

    private final WebSocketConnection client;
    private final Context upgrade;
    private final FrameRelayTracing frameTracing;
    private final String correlationId;
    /** The replica the bridge opens (or opened) its socket to, and that socket's span: another one's after a fail-over. */
    private volatile Upstream upstream;
    private volatile OutboundSocketSpan span;
    private final int maxPendingFrames;

    private final Deque<String> pending = new ArrayDeque<>();
    private State state = State.CONNECTING;
    private WebSocketClientConnection upstreamSocket;
    /**
     * Why the client side ended while the upstream socket was still opening: it is closed with this
     * once open. Null when the bridge ended because chat-service closed first.
     */
    private CloseReason closeOnOpen;

    BridgedSocket(WebSocketConnection client, Context upgrade, FrameRelayTracing frameTracing, Upstream upstream,
            String correlationId, OutboundSocketSpan span, int maxPendingFrames) {
        this.client = client;
        this.upgrade = upgrade;
        this.frameTracing = frameTracing;
        this.upstream = upstream;
        this.correlationId = correlationId;
        this.span = span;
        this.maxPendingFrames = maxPendingFrames;
    }

    Context upgrade() {
        return upgrade;
    }

    String correlationId() {
        return correlationId;
    }

    /**
     * The upstream socket could not be opened because {@code failure} kept it from reaching the
     * replica: that attempt's span ends failed, and the bridge goes on to {@code next} in a span of
     * its own, the frames kept meanwhile staying for it. False, and nothing changed, when the client
     * has gone meanwhile.
     */
    synchronized boolean failOver(Throwable failure, Upstream next, Supplier<OutboundSocketSpan> nextSpan) {
        if (state != State.CONNECTING) {
            return false;
        }
        span.failed(failure);
        warn("%s at %s is unavailable for a WebSocket (%s); trying %s", upstream.name(), upstream.baseUri(),
                failure.getClass().getName(), next.baseUri());
        upstream = next;
        span = nextSpan.get();
        return true;
    }

    /**
     * A frame from the client: sent upstream when the socket is open, kept until it is otherwise.
     * A {@code send} frame is relayed in a span of its own ({@link FrameRelayTracing}), which ends
     * once the frame is written or kept.
     */
    synchronized Uni<Void> toUpstream(String frame) {
        switch (state) {
            case OPEN -> {
                RelayedFrame relayed = frameTracing.relay(frame, upgrade);
                return upstreamSocket.sendText(relayed.frame())
                        .onTermination().invoke(() -> relayed.span().end())
                        .onFailure().invoke(failure -> LOG.debugf("Frame not relayed to %s, its socket is closing (%s)",
                                upstream.name(), failure.getClass().getName()))
                        .onFailure().recoverWithNull();
            }
            case CONNECTING -> {
                if (pending.size() < maxPendingFrames) {
                    RelayedFrame relayed = frameTracing.relay(frame, upgrade);
                    pending.add(relayed.frame());
                    relayed.span().end();
                    return Uni.createFrom().voidItem();
                }
                warn("Client sent more than %d frames before %s at %s answered; closing it", maxPendingFrames,
                        upstream.name(), upstream.baseUri());
                endWhileConnecting(GOING_AWAY);
                return client.close(TOO_MANY_PENDING_FRAMES);
            }
            default -> {
                return Uni.createFrom().voidItem(); // the bridge is closing: both sides are being told
            }
        }
    }

    /** The upstream socket is open: the frames kept meanwhile go first, then everything else as it comes. */
    synchronized void upstreamOpened(WebSocketClientConnection opened) {
        upstreamSocket = opened;
        if (state == State.CLOSED) {
            if (closeOnOpen != null) {
                close(opened, closeOnOpen);
            }
            return;
        }
        for (String frame : pending) {
            opened.sendText(frame).subscribe().with(ignored -> {
            }, failure -> LOG.debugf("Kept frame not relayed to %s, its socket is closing (%s)", upstream.name(),
                    failure.getClass().getName()));
        }
        pending.clear();
        state = State.OPEN;
    }

    /** The upstream socket could not be opened: the client is told so and closed with 1011. */
    void upstreamFailed(Throwable failure) {
        span.failed(failure);
        // the class only: Vert.x messages may quote the URL
        warn("%s at %s is unavailable for a WebSocket (%s)", upstream.name(), upstream.baseUri(), failure.getClass().getName());
        synchronized (this) {
            if (state == State.CLOSED) {
                return; // the client has gone already
            }
            state = State.CLOSED;
            pending.clear();
        }
        UpstreamUnavailableException unavailable = UpstreamUnavailableException.connectionFailed(upstream, failure);
        client.sendText(ErrorFrame.of(unavailable, correlationId))
                .onItemOrFailure().transformToUni((ignored, frameFailure) -> client.close(
                        new CloseReason(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), unavailable.error())))
                .subscribe().with(ignored -> {
                }, closeFailure -> LOG.debugf("Client left before hearing that %s is unavailable", upstream.name()));
    }

    /** A frame from chat-service, relayed as it is. */
    void toClient(String frame) {
        client.sendText(frame).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("Frame from %s not relayed, the client socket is closing (%s)", upstream.name(),
                failure.getClass().getName()));
    }

    /**
     * chat-service closed its socket (or the gateway did, and this is the echo): the client is
     * closed the same way. This can come before {@link #upstreamOpened}, which reaches the bridge
     * through the client's event loop, when chat-service closes a socket as soon as it opens it.
     */
    void upstreamClosed(CloseReason reason) {
        span.closed();
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        close(client, reason);
    }

    /** The client closed its socket: chat-service's is closed the same way, now or as soon as it is open. */
    synchronized void clientClosed(CloseReason reason) {
        switch (state) {
            case OPEN -> {
                state = State.CLOSED;
                close(upstreamSocket, reason);
            }
            case CONNECTING -> endWhileConnecting(reason);
            default -> {
                // already closing, after chat-service closed or failed
            }
        }
    }

    private void endWhileConnecting(CloseReason reason) {
        state = State.CLOSED;
        pending.clear();
        closeOnOpen = reason;
    }

    private void close(WebSocketClientConnection socket, CloseReason reason) {
        // the span ends at the latest when our close frame is out, as chat-service may never echo it
        socket.close(relayable(reason)).subscribe().with(ignored -> span.closed(), failure -> span.closed());
    }

    private void close(WebSocketConnection socket, CloseReason reason) {
        socket.close(relayable(reason)).subscribe().with(ignored -> {
        }, failure -> LOG.debugf("Client socket already closed (%s)", failure.getClass().getName()));
    }

    /** Logged in the socket's context: the line carries its trace, span and correlation ids. */
    private void warn(String format, Object... parameters) {
        try (Scope ignored = span.context().makeCurrent()) {
            LOG.warnf(format, parameters);
        }
    }

    /**
     * The close to pass on: the same code and reason when the code may be sent in a close frame;
     * 1005 (no code received) and 1006 (no close frame at all), which may not, become 1000 and 1001.
     */
    static CloseReason relayable(CloseReason reason) {
        if (WebSocketCloseStatus.isValidStatusCode(reason.getCode())) {
            return reason;
        }
        return reason.getCode() == WebSocketCloseStatus.ABNORMAL_CLOSURE.code() ? GOING_AWAY : CloseReason.NORMAL;
    }
}
