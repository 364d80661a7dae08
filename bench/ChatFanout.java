import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live chat fan-out through the gateway: how long a message sent over /ws/chat takes to reach
 * every member's socket, and how many deliveries per second the suite sustains.
 *
 * <pre>
 *   javac -d CLASSES bench/*.java          (bench/run does this; the programs share DevTokens)
 *   java -cp CLASSES ChatFanout GATEWAY_URL [CLIENTS] [MESSAGES] [RATE]
 *   java -cp CLASSES ChatFanout http://localhost:8080 100 200 20
 * </pre>
 *
 * <ul>
 * <li>CLIENTS (default 100, at most 500): receiving members, each a fresh user with one socket.
 * A room lists at most 500 members besides its creator (chat-service's RoomService.MAX_MEMBERS).</li>
 * <li>MESSAGES (default 200): {@code send} frames, each carrying its System.nanoTime in the body
 * (this JVM measures both ends).</li>
 * <li>RATE (default 20): messages per second.</li>
 * </ul>
 *
 * <p>A separate sender (one more fresh user, one more socket) creates a GROUP room of the CLIENTS
 * receivers; every socket is opened through the gateway (which spreads them over the chat
 * replicas), 20 at a time, each until it has answered a ping (chat-service answers once presence
 * is recorded); then the sender sends MESSAGES frames at RATE. Each receiver's {@code message}
 * frame of each message is one delivery, timed from just before the send to the frame's arrival;
 * the sender's own copy and its {@code sent} answers are not deliveries (stderr shows how long the
 * {@code sent} answers took). The program waits up to 30 s after the last send for the CLIENTS ×
 * MESSAGES deliveries, counts the rest as missing, and closes every socket with 1000. The gateway
 * and chat-service handle one socket's frames one at a time, so a RATE above what the send path
 * sustains queues the sends, and the latencies then measure that queue as much as the fan-out.
 *
 * <p>Needs: the suite running (infra/local/up) and the dev signing key: tokens are minted here
 * like infra/local/token's, from infra/local/jwt/privateKey.pem relative to the working directory
 * (run from the repository root) or from TOKEN_SIGNING_KEY. User ids are fresh per run, so runs
 * neither collide nor share rate-limit buckets. WebSocket frames are not rate limited by the
 * gateway, and the one REST call (the room) is far under the chat limit: no setting is needed.
 *
 * <p>Output: progress on stderr; on stdout one JSON line {@code {"clients","messages",
 * "expected_deliveries","deliveries","missing","p50_ms","p99_ms","max_ms","deliveries_per_second"}}
 * (nearest-rank percentiles; null without deliveries; deliveries per second = deliveries / (last
 * receive − first send)). Exit status 0 once measured (missing deliveries included), 1 when the
 * room or a socket could not be set up (the HTTP status and body are printed), 2 for bad usage.
 */
public class ChatFanout {

    /** chat-service's RoomService.MAX_MEMBERS: members a room may list besides its creator. */
    private static final int MAX_RECEIVERS = 500;
    private static final Duration SOCKET_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Sockets being opened at once, until their pong: the benchmark measures delivery, not how a
     * replica takes a burst of openings (each a presence transaction in Redis).
     */
    private static final int OPENING_CONCURRENCY = 20;
    /** Error frames printed in full; later ones are only counted. */
    private static final int ERRORS_PRINTED = 5;

    private final String gateway;
    private final int clients;
    private final int messages;
    private final double rate;
    /** Fresh per run: user ids, the room name and the message bodies carry it, so runs never mix. */
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    /** The body of message {@code seq} is {@code "<prefix><seq> <sendNanos>"}. */
    private final Pattern benchBody;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(SOCKET_CONNECT_TIMEOUT)
            .build();

    private final CountDownLatch allDelivered;
    private final ConcurrentLinkedQueue<Long> latencyNanos = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastReceiveNanos = new AtomicLong();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger errorFrames = new AtomicInteger();
    /** Send → the sender's {@code sent} answer: the send path (relay, store, broadcast), queueing behind earlier sends included. */
    private final ConcurrentLinkedQueue<Long> acknowledgedNanos = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unexpectedCloses = new AtomicInteger();
    private volatile boolean closing;

    private ChatFanout(String gateway, int clients, int messages, double rate) {
        this.gateway = gateway;
        this.clients = clients;
        this.messages = messages;
        this.rate = rate;
        this.benchBody = Pattern.compile("\"body\"\\s*:\\s*\"" + bodyPrefix() + "(\\d+) (\\d+)\"");
        this.allDelivered = new CountDownLatch(clients * messages);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 4) {
            usage();
        }
        int clients = 0;
        int messages = 0;
        double rate = 0;
        try {
            clients = args.length > 1 ? Integer.parseInt(args[1]) : 100;
            messages = args.length > 2 ? Integer.parseInt(args[2]) : 200;
            rate = args.length > 3 ? Double.parseDouble(args[3]) : 20;
        } catch (NumberFormatException notANumber) {
            usage();
        }
        if (clients < 1 || clients > MAX_RECEIVERS || messages < 1 || !(rate > 0)) {
            usage();
        }
        ChatFanout fanout = new ChatFanout(args[0].replaceFirst("/+$", ""), clients, messages, rate);
        SetupFailure.exitOnFailure("chat-fanout", fanout::run);
    }

    private void run() throws Exception {
        DevTokens tokens = DevTokens.load();
        Connection sender = new Connection(userId("sender"), false);
        List<Connection> receivers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            receivers.add(new Connection(userId("r" + i), true));
        }
        String roomId = ChatRooms.createGroup(http, gateway, tokens.mint(sender.userId, "student"), "Fan-out bench " + runId,
                receivers.stream().map(receiver -> receiver.userId).toList(), "chat-fanout-" + runId);
        log("run " + runId + ": room " + roomId + " with " + clients + " receivers and sender " + sender.userId);

        List<Connection> everyone = new ArrayList<>(receivers);
        everyone.add(sender);
        long openingStarted = System.nanoTime();
        connectAll(everyone, tokens);
        log(everyone.size() + " sockets open and ready in " + millis(System.nanoTime() - openingStarted) + " ms");

        long[] sendWindow = sendAll(sender, roomId);
        log(messages + " messages sent in " + millis(sendWindow[1] - sendWindow[0]) + " ms (asked "
                + String.format(Locale.ROOT, "%.1f", rate) + "/s); waiting up to " + DELIVERY_TIMEOUT.toSeconds()
                + " s for " + allDelivered.getCount() + " outstanding deliveries");
        allDelivered.await(DELIVERY_TIMEOUT.toNanos() - (System.nanoTime() - sendWindow[1]), TimeUnit.NANOSECONDS);

        closeAll(everyone);
        report(sendWindow[0]);
    }

    /**
     * Opens every socket and waits for its pong: chat-service answers a ping only once the socket's
     * presence is recorded, so a pong means deliveries will come. The gateway completes the upgrade
     * before chat-service has opened its side, so the pong, not the handshake, is what frees an
     * opening slot.
     */
    private void connectAll(List<Connection> connections, DevTokens tokens) throws Exception {
        URI socketUri = URI.create(gateway.replaceFirst("^http", "ws") + "/ws/chat");
        Semaphore openingSlots = new Semaphore(OPENING_CONCURRENCY);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (Connection connection : connections) {
            openingSlots.acquire();
            ready.add(http.newWebSocketBuilder()
                    .connectTimeout(SOCKET_CONNECT_TIMEOUT)
                    .header("Authorization", "Bearer " + tokens.mint(connection.userId, "student"))
                    .header("X-Correlation-ID", "chat-fanout-" + runId)
                    .buildAsync(socketUri, connection)
                    .thenCompose(socket -> {
                        connection.socket = socket;
                        return socket.sendText("{\"type\":\"ping\"}", true);
                    })
                    .thenCompose(pingSent -> connection.ponged)
                    .whenComplete((ignored, failure) -> openingSlots.release()));
        }
        for (int i = 0; i < connections.size(); i++) {
            try {
                ready.get(i).get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException failed) {
                throw new SetupFailure("the socket of " + connections.get(i).userId + " at " + socketUri + ": "
                        + whyNotReady(failed.getCause()));
            } catch (TimeoutException slow) {
                throw new SetupFailure("the socket of " + connections.get(i).userId + " got no pong within "
                        + READY_TIMEOUT.toSeconds() + " s");
            }
        }
    }

    private static String whyNotReady(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException refused) {
                return "upgrade answered HTTP " + refused.getResponse().statusCode() + ": " + refused.getResponse().body();
            }
            if (cause instanceof SetupFailure notReady) {
                return notReady.getMessage();
            }
        }
        return failure.toString();
    }

    /** Sends the messages at the asked rate; returns the nanoTime of the first and the last send. */
    private long[] sendAll(Connection sender, String roomId) throws InterruptedException {
        long intervalNanos = (long) (1e9 / rate);
        long started = System.nanoTime();
        long firstSend = 0;
        long lastSend = 0;
        for (int seq = 0; seq < messages; seq++) {
            long wait = started + seq * intervalNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            lastSend = System.nanoTime();
            if (seq == 0) {
                firstSend = lastSend;
            }
            try {
                sender.socket.sendText("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"body\":\"" + bodyPrefix() + seq
                        + " " + lastSend + "\"}", true).join();
            } catch (CompletionException senderGone) {
                log("the sender's socket failed after " + seq + " sends, the rest count as missing: " + senderGone.getCause());
                break;
            }
        }
        return new long[] { firstSend, lastSend };
    }

    private void closeAll(List<Connection> connections) {
        closing = true;
        List<CompletableFuture<?>> closed = new ArrayList<>();
        for (Connection connection : connections) {
            connection.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
            closed.add(connection.closed);
        }
        try {
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException notClosed) {
            long open = closed.stream().filter(future -> !future.isDone()).count();
            log(open + " sockets did not finish their closing handshake within " + CLOSE_TIMEOUT.toSeconds() + " s");
            connections.stream().filter(connection -> !connection.closed.isDone()).forEach(connection -> connection.socket.abort());
        }
    }

    private void report(long firstSendNanos) {
        long[] sorted = latencyNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] acknowledged = acknowledgedNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int expected = clients * messages;
        double seconds = (lastReceiveNanos.get() - firstSendNanos) / 1e9;
        log(sorted.length + " of " + expected + " deliveries; " + acknowledged.length + " of " + messages
                + " sends answered 'sent' (p50 " + percentileMillis(acknowledged, 50) + " ms, max "
                + percentileMillis(acknowledged, 100) + " ms after the send)"
                + (errorFrames.get() > 0 ? "; " + errorFrames.get() + " error frames" : "")
                + (duplicates.get() > 0 ? "; " + duplicates.get() + " duplicate deliveries (not counted)" : "")
                + (unexpectedCloses.get() > 0 ? "; " + unexpectedCloses.get() + " sockets closed by the server mid-run" : ""));
        System.out.println("{\"clients\":" + clients
                + ",\"messages\":" + messages
                + ",\"expected_deliveries\":" + expected
                + ",\"deliveries\":" + sorted.length
                + ",\"missing\":" + (expected - sorted.length)
                + ",\"p50_ms\":" + percentileMillis(sorted, 50)
                + ",\"p99_ms\":" + percentileMillis(sorted, 99)
                + ",\"max_ms\":" + percentileMillis(sorted, 100)
                + ",\"deliveries_per_second\":" + (sorted.length == 0 ? "0" : decimal(sorted.length / seconds)) + "}");
    }

    /** Nearest rank: the smallest latency with at least {@code percentile}% of them at or below it. */
    private static String percentileMillis(long[] sortedNanos, double percentile) {
        if (sortedNanos.length == 0) {
            return "null";
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedNanos.length);
        return decimal(sortedNanos[Math.max(rank, 1) - 1] / 1e6);
    }

    private String bodyPrefix() {
        return "fanout " + runId + " ";
    }

    private String userId(String role) {
        return "fanout-" + runId + "-" + role;
    }

    /** One member's socket: receivers time the deliveries, the sender its {@code sent} answers. */
    private final class Connection extends ChatRooms.FrameListener {

        final String userId;
        final boolean receiver;
        final CompletableFuture<Void> ponged = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        /** Messages this receiver has had; touched only by its listener, which the JDK calls one frame at a time. */
        private final BitSet delivered = new BitSet();
        volatile WebSocket socket;

        Connection(String userId, boolean receiver) {
            this.userId = userId;
            this.receiver = receiver;
        }

        @Override
        void onFrame(String frame, long receivedNanos) {
            switch (ChatRooms.frameType(frame)) {
                case "pong" -> ponged.complete(null);
                case "sent" -> {
                    Matcher body = benchBody.matcher(frame);
                    if (body.find()) {
                        acknowledgedNanos.add(receivedNanos - Long.parseLong(body.group(2)));
                    }
                }
                case "error" -> {
                    if (!ponged.isDone()) {
                        ponged.completeExceptionally(new SetupFailure("error frame instead of a pong: " + frame));
                    } else if (errorFrames.incrementAndGet() <= ERRORS_PRINTED) {
                        log("error frame to " + userId + ": " + frame);
                    }
                }
                case "message" -> {
                    if (receiver) {
                        recordDelivery(frame, receivedNanos);
                    }
                }
                default -> {
                    // notifications (room_created) are not what is measured
                }
            }
        }

        private void recordDelivery(String frame, long receivedNanos) {
            Matcher body = benchBody.matcher(frame);
            if (!body.find()) {
                return;
            }
            int seq = Integer.parseInt(body.group(1));
            if (delivered.get(seq)) {
                duplicates.incrementAndGet();
                return;
            }
            delivered.set(seq);
            latencyNanos.add(receivedNanos - Long.parseLong(body.group(2)));
            lastReceiveNanos.accumulateAndGet(receivedNanos, Math::max);
            allDelivered.countDown();
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!ponged.isDone()) {
                ponged.completeExceptionally(new SetupFailure("closed by the server before its pong: " + statusCode + " " + reason));
            } else if (!closing) {
                unexpectedCloses.incrementAndGet();
                log("the socket of " + userId + " was closed by the server: " + statusCode + " " + reason);
            }
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!ponged.isDone()) {
                ponged.completeExceptionally(error);
            } else if (!closing) {
                unexpectedCloses.incrementAndGet();
                log("the socket of " + userId + " failed: " + error);
            }
            closed.complete(null);
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void log(String line) {
        System.err.println("chat-fanout: " + line);
    }

    private static void usage() {
        System.err.println("usage: java -cp CLASSES ChatFanout GATEWAY_URL [CLIENTS 1-" + MAX_RECEIVERS
                + ", default 100] [MESSAGES, default 200] [RATE per second, default 20]");
        System.exit(2);
    }
}
