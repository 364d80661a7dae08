package io.learnhub.gateway.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A real WebSocket client of the gateway's {@code /ws/chat} (Vert.x' own client): what it
 * received, in order, and how it was closed. It connects as an app ({@link #options}, no Origin
 * header) or as a browser ({@link #browserOptions}).
 */
public final class GatewaySocket implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);

    private final WebSocketClient client;
    private final ClientWebSocket socket;
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private volatile Short closeCode;
    private volatile String closeReason;

    /** Handlers first: the gateway may send a frame and close as soon as the socket is open. */
    private GatewaySocket(WebSocketClient client, ClientWebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(frames::add);
        socket.closeHandler(ignored -> {
            closeReason = socket.closeReason();
            closeCode = socket.closeStatusCode();
        });
    }

    /** Options for the endpoint at {@code url} (e.g. a {@code @TestHTTPResource}), without Origin, as an app connects. */
    public static WebSocketConnectOptions options(URI url) {
        return new WebSocketConnectOptions()
                .setHost(url.getHost())
                .setPort(url.getPort())
                .setURI(url.getPath())
                // Vert.x would send an Origin of its own, and drops any Origin header when told not to
                .setAllowOriginHeader(false);
    }

    /** Options for the endpoint at {@code url} as a browser on a page of {@code origin} connects. */
    public static WebSocketConnectOptions browserOptions(URI url, String origin) {
        return options(url).setAllowOriginHeader(true).addHeader("Origin", origin);
    }

    public static GatewaySocket connect(Vertx vertx, WebSocketConnectOptions options) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        GatewaySocket socket = new GatewaySocket(client, client.webSocket());
        try {
            socket.socket.connect(options).toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return socket;
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /** The HTTP status the gateway refused the upgrade with; fails if it accepted it. */
    public static int refusal(Vertx vertx, WebSocketConnectOptions options) throws Exception {
        GatewaySocket accepted;
        try {
            accepted = connect(vertx, options);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
        accepted.close();
        throw new AssertionError("The upgrade was accepted");
    }

    /** The subprotocol the gateway agreed to, or null. */
    public String subprotocol() {
        return socket.subProtocol();
    }

    public void send(String frame) throws Exception {
        socket.writeTextMessage(frame).toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code count} frames have arrived, and returns all that did. */
    public List<String> awaitFrames(int count) {
        return await().atMost(TIMEOUT).pollInterval(POLL).until(() -> List.copyOf(frames), received -> received.size() >= count);
    }

    /** Waits until the gateway has closed the socket, and returns its close code. */
    public short awaitClose() {
        return await().atMost(TIMEOUT).pollInterval(POLL).until(() -> closeCode, code -> code != null);
    }

    public String closeReason() {
        return closeReason;
    }

    public void close(short code, String reason) throws Exception {
        socket.close(code, reason).toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
        client.close();
    }
}
