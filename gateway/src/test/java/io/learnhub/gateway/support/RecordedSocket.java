package io.learnhub.gateway.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.http.ServerWebSocket;

/**
 * A WebSocket the {@link RecordingUpstream} accepted: its handshake headers, the text frames it
 * received in order, how it was closed, and the socket itself, for a test to send and close on.
 */
public final class RecordedSocket {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);

    private final MultiMap headers;
    private final ServerWebSocket socket;
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private volatile Short closeCode;
    private volatile String closeReason;

    RecordedSocket(ServerWebSocket socket) {
        this.headers = MultiMap.caseInsensitiveMultiMap().addAll(socket.headers());
        this.socket = socket;
        socket.textMessageHandler(frames::add);
        socket.closeHandler(ignored -> {
            closeReason = socket.closeReason();
            closeCode = socket.closeStatusCode();
        });
    }

    public MultiMap headers() {
        return headers;
    }

    /** Waits until the socket has received {@code count} frames, and returns all it received. */
    public List<String> awaitFrames(int count) {
        return await().atMost(TIMEOUT).pollInterval(POLL).until(() -> List.copyOf(frames), received -> received.size() >= count);
    }

    /** Waits until the socket is closed, and returns its close code. */
    public short awaitClose() {
        return await().atMost(TIMEOUT).pollInterval(POLL).until(() -> closeCode, code -> code != null);
    }

    public String closeReason() {
        return closeReason;
    }

    public void send(String frame) throws Exception {
        socket.writeTextMessage(frame).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public void close(short code, String reason) throws Exception {
        socket.close(code, reason).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
