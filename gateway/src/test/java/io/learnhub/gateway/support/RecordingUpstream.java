package io.learnhub.gateway.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.learnhub.common.correlation.CorrelationId;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

/**
 * A real HTTP server standing in for chat-, payment- and report-service. It records every request
 * it receives and answers with a canned response: the request's own body and Content-Type
 * (so the relay is checked byte for byte), status 200 unless the request asks for another with
 * {@value #STATUS_HEADER}, and a Content-Type of {@value #CONTENT_TYPE_HEADER} when given.
 * Paths ending in {@value #SLOW_SUFFIX} answer only after {@link #SLOW_ANSWER}, longer than the
 * gateway's %test request timeout; paths ending in {@value #BYTES_SEGMENT}n answer with n bytes.
 *
 * <p>It also accepts WebSockets on any path, recording each as a {@link RecordedSocket}; while
 * {@link #holdHandshakes()} is in force it answers their handshakes only on {@link #releaseHandshakes()}.
 */
public final class RecordingUpstream {

    public static final String STATUS_HEADER = "X-Test-Status";
    public static final String CONTENT_TYPE_HEADER = "X-Test-Content-Type";
    public static final String SLOW_SUFFIX = "/slow";
    /** A path ending in {@code /bytes/<n>} is answered with a body of n bytes. */
    public static final String BYTES_SEGMENT = "/bytes/";
    static final Duration SLOW_ANSWER = Duration.ofSeconds(8);

    private final Vertx vertx;
    private final HttpServer server;
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final List<RecordedSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<Promise<Integer>> heldHandshakes = new CopyOnWriteArrayList<>();
    private volatile boolean holdingHandshakes;

    private RecordingUpstream(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer()
                .requestHandler(this::handle)
                .webSocketHandler(this::accept)
                .listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static RecordingUpstream start() throws Exception {
        return new RecordingUpstream(Vertx.vertx());
    }

    public int port() {
        return server.actualPort();
    }

    public void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The request that carried this X-Correlation-ID, once it has arrived. */
    public ReceivedRequest awaitRequest(String correlationId) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> find(correlationId), Optional::isPresent)
                .orElseThrow();
    }

    /** The request to this path (without query), once it has arrived. */
    public ReceivedRequest awaitRequestTo(String path) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> received.stream().filter(request -> path.equals(request.path())).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** Whether any request with this X-Correlation-ID reached the upstream. */
    public boolean hasReceived(String correlationId) {
        return find(correlationId).isPresent();
    }

    /** The WebSocket whose handshake carried this X-Correlation-ID, if it has arrived (held or not). */
    public Optional<RecordedSocket> findSocket(String correlationId) {
        return sockets.stream()
                .filter(socket -> correlationId.equals(socket.headers().get(CorrelationId.HEADER)))
                .findFirst();
    }

    /** From now on, WebSocket handshakes wait for {@link #releaseHandshakes()}. */
    public void holdHandshakes() {
        holdingHandshakes = true;
    }

    /** Accepts the held handshakes and stops holding new ones. */
    public void releaseHandshakes() {
        holdingHandshakes = false;
        heldHandshakes.forEach(handshake -> handshake.tryComplete(101));
        heldHandshakes.clear();
    }

    private Optional<ReceivedRequest> find(String correlationId) {
        return received.stream()
                .filter(request -> correlationId.equals(request.headers().get(CorrelationId.HEADER)))
                .findFirst();
    }

    private void accept(ServerWebSocket socket) {
        sockets.add(new RecordedSocket(socket));
        if (holdingHandshakes) {
            Promise<Integer> handshake = Promise.promise();
            heldHandshakes.add(handshake);
            socket.setHandshake(handshake.future());
        }
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            ReceivedRequest receivedRequest = new ReceivedRequest(request.method().name(), request.path(), request.query(),
                    headers, body.getBytes());
            received.add(receivedRequest);
            if (request.path().endsWith(SLOW_SUFFIX)) {
                vertx.setTimer(SLOW_ANSWER.toMillis(), ignored -> answer(request, receivedRequest));
            } else {
                answer(request, receivedRequest);
            }
        });
    }

    private static void answer(HttpServerRequest request, ReceivedRequest receivedRequest) {
        if (request.response().closed()) {
            return; // the gateway gave up on a slow answer and reset the connection
        }
        MultiMap headers = receivedRequest.headers();
        int status = headers.contains(STATUS_HEADER) ? Integer.parseInt(headers.get(STATUS_HEADER)) : 200;
        String contentType = headers.contains(CONTENT_TYPE_HEADER) ? headers.get(CONTENT_TYPE_HEADER)
                : headers.get("Content-Type");
        byte[] body = receivedRequest.body().length > 0 ? receivedRequest.body() : "{\"upstream\":\"ok\"}".getBytes();
        int bytes = request.path().lastIndexOf(BYTES_SEGMENT);
        if (bytes >= 0) {
            body = new byte[Integer.parseInt(request.path().substring(bytes + BYTES_SEGMENT.length()))];
        }
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", contentType == null ? "application/json" : contentType)
                .end(Buffer.buffer(body));
    }
}
