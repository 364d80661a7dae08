package io.learnhub.gateway.tracing;

import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.vertx.core.http.UpgradeRejectedException;

/**
 * The CLIENT span of one bridged WebSocket, from {@link OutboundSocketTracing#start}. Both sides of
 * a bridge can report the end (the client leaving, the upstream closing, our own close completing),
 * on different threads: the span ends at the first report and ignores the others.
 */
public final class OutboundSocketSpan {

    private final Instrumenter<OutboundSocket, Integer> instrumenter;
    private final Context context;
    private final OutboundSocket socket;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** A recorded span, or with a null instrumenter, none: then {@code context} is the parent's. */
    OutboundSocketSpan(Instrumenter<OutboundSocket, Integer> instrumenter, Context context, OutboundSocket socket) {
        this.instrumenter = instrumenter;
        this.context = context;
        this.socket = socket;
    }

    /**
     * The span's context, baggage and correlation id included: current while the bridge logs, so
     * that its log lines carry the socket's trace, span and correlation ids.
     */
    public Context context() {
        return context;
    }

    /** The socket was open and is now closed, whoever closed it. */
    public void closed() {
        end(OutboundSocketTracing.SWITCHING_PROTOCOLS, null);
    }

    /**
     * The socket could not be opened: status ERROR, the exception recorded, {@code error.type} its
     * class, and {@code http.response.status_code} when the upstream answered the handshake with an
     * HTTP status instead of switching protocols.
     */
    public void failed(Throwable failure) {
        end(failure instanceof UpgradeRejectedException rejected ? rejected.getStatus() : null, failure);
    }

    private void end(Integer status, Throwable failure) {
        if (instrumenter != null && ended.compareAndSet(false, true)) {
            instrumenter.end(context, socket, status, failure);
        }
    }
}
