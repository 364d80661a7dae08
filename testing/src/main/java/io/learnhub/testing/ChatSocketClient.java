package io.learnhub.testing;

import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A real WebSocket client of {@code /ws/chat} (the JDK's {@link WebSocket}), as an app would be:
 * it connects with headers of the test's choosing and records every text frame the server sends,
 * parsed as JSON, and how the server closed the connection.
 */
public final class ChatSocketClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;
    private final Set<Integer> returned = new HashSet<>();

    private ChatSocketClient() {
    }

    /** Opens {@code uri} (e.g. {@code ws://localhost:8080/ws/chat}) with a bearer token and any other headers. */
    public static ChatSocketClient connect(URI uri, String token, Map<String, String> headers) {
        ChatSocketClient client = new ChatSocketClient();
        try {
            client.socket = builder(token, headers).buildAsync(uri, client.listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not open " + uri, e);
        }
        return client;
    }

    public static ChatSocketClient connect(URI uri, String token) {
        return connect(uri, token, Map.of());
    }

    /** The HTTP status with which the server refused the upgrade, or empty when it accepted it (and was closed again). */
    public static Optional<Integer> refusedUpgrade(URI uri, String token, Map<String, String> headers) {
        try {
            WebSocket opened = builder(token, headers).buildAsync(uri, new WebSocket.Listener() {
            }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            opened.abort();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return Optional.of(refused.getResponse().statusCode());
            }
            throw new IllegalStateException("Upgrade failed without an HTTP answer", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not try " + uri, e);
        }
    }

    private static WebSocket.Builder builder(String token, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        return builder;
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Sends {@code {"type":"send","roomId","body"}}, with {@code traceparent} when given. */
    public void sendMessage(Object roomId, String body, TraceParent trace) {
        var frame = Json.createObjectBuilder().add("type", "send").add("roomId", roomId.toString()).add("body", body);
        if (trace != null) {
            frame.add("traceparent", trace.header());
        }
        send(frame.build().toString());
    }

    /**
     * The earliest matching frame that this method has not returned yet, waiting for it: frames of
     * one type are read in the order they arrived, whatever other frames came between them.
     */
    public synchronized JsonObject awaitNext(Predicate<JsonObject> matching) {
        try {
            return await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
                for (int i = 0; i < frames.size(); i++) {
                    if (!returned.contains(i) && matching.test(frames.get(i))) {
                        returned.add(i);
                        return Optional.of(frames.get(i));
                    }
                }
                return Optional.<JsonObject> empty();
            }, Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("No matching frame within " + WAIT + "; received: " + frames
                    + (closed.isDone() ? ", then closed with " + closed.join() : ""), e);
        }
    }

    public JsonObject awaitNext(String type) {
        return awaitNext(ofType(type));
    }

    public static Predicate<JsonObject> ofType(String type) {
        return frame -> type.equals(frame.getString("type", null));
    }

    /** Every frame received so far, in order. */
    public List<JsonObject> frames() {
        return new ArrayList<>(frames);
    }

    /** The frames of one type received so far, in order. */
    public List<JsonObject> frames(String type) {
        return frames.stream().filter(ofType(type)).toList();
    }

    /** The close code the server sent, waiting for the close. */
    public int awaitClose() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The server did not close the connection", e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(Json.createReader(new StringReader(partial.toString())).readObject());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }
}
