import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The soak's workload: a mix of the suite's traffic at a moderate, steady rate, for a long time,
 * all through the gateway, each request and delivery timed.
 *
 * <pre>
 *   javac -d CLASSES bench/*.java          (bench/soak does this)
 *   java -cp CLASSES Soak GATEWAY_URL SECONDS CLIENTS CHAT_RATE WEBHOOK_RATE REPORT_RATE SAMPLES_FILE
 *   java -cp CLASSES Soak http://127.0.0.1:8080 600 20 2 1 2 samples.txt
 * </pre>
 *
 * <ul>
 * <li><b>chat</b>: CLIENTS receivers and one sender (fresh users) in a GROUP room, each with a socket
 * on /ws/chat opened through the gateway (which spreads them over the chat replicas) and answered
 * with a pong; the sender sends CHAT_RATE messages per second, each carrying its System.nanoTime,
 * and every receiver's {@code message} frame is one delivery, timed from the send. Every socket
 * pings every 30 s, as the web client does.</li>
 * <li><b>webhook</b>: WEBHOOK_RATE times per second a fresh student creates an invoice for the demo
 * course, and the provider's signed payment.succeeded webhook for it is sent; its answer is
 * timed.</li>
 * <li><b>report</b>: REPORT_RATE times per second teacher 1001 reads their weekly stats
 * (GET /api/reports/stats); the answer is timed. The reports route allows 5/s per user.</li>
 * </ul>
 *
 * <p>Requests are sent on schedule without waiting for earlier answers (a slow service does not
 * slow the load down). After SECONDS the load stops; answers and deliveries still due get 30 s.
 *
 * <p>Output: SAMPLES_FILE gets one line per timed event, {@code KIND T_MS LATENCY_US}: KIND chat,
 * webhook or report; T_MS the send, in ms since the load started. stdout gets one JSON line of
 * totals: {@code {"seconds","started_epoch_ms","requests":{kind:{status:count}},"chat":{"clients","messages_sent",
 * "expected_deliveries","deliveries","error_frames","unexpected_closes"}}}; a status is the HTTP
 * code or the exception that stood for an answer. Progress goes to stderr. Exit status 0 once
 * measured, 1 when the room or a socket could not be set up, 2 for bad usage.
 *
 * <p>Needs the dev signing key like the other load programs (run from the repository root, or set
 * TOKEN_SIGNING_KEY) and PAYMENT_WEBHOOK_SECRET when it is not the local run's.
 */
public class Soak {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PING_EVERY = Duration.ofSeconds(30);
    /** Teachers' tokens are minted again this often: DevTokens' live an hour. */
    private static final Duration TOKEN_RENEWAL = Duration.ofMinutes(30);
    /** docs/contracts.md, "Demo data": the demo course's teacher. */
    private static final String TEACHER_ID = "1001";
    private static final int ERRORS_PRINTED = 5;

    private final String gateway;
    private final int seconds;
    private final int clients;
    private final double chatRate;
    private final double webhookRate;
    private final double reportRate;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Pattern soakBody;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final PrintWriter samples;
    private final DevTokens tokens;

    private final Map<String, Map<String, LongAdder>> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong errorFrames = new AtomicLong();
    private final AtomicLong unexpectedCloses = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile long startedNanos;
    private volatile long startedEpochMillis;
    private volatile boolean closing;
    private volatile String teacherToken;

    private Soak(String[] args) throws Exception {
        gateway = args[0].replaceFirst("/+$", "");
        seconds = Integer.parseInt(args[1]);
        clients = Integer.parseInt(args[2]);
        chatRate = Double.parseDouble(args[3]);
        webhookRate = Double.parseDouble(args[4]);
        reportRate = Double.parseDouble(args[5]);
        samples = new PrintWriter(Files.newBufferedWriter(Path.of(args[6]), StandardCharsets.US_ASCII));
        soakBody = Pattern.compile("\"body\"\\s*:\\s*\"soak " + runId + " (\\d+) (\\d+)\"");
        tokens = DevTokens.load();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            usage();
        }
        Soak soak;
        try {
            soak = new Soak(args);
        } catch (NumberFormatException notANumber) {
            usage();
            return;
        }
        if (soak.seconds < 1 || soak.clients < 1 || soak.clients > 500 || !(soak.chatRate > 0) || !(soak.webhookRate > 0)
                || !(soak.reportRate > 0)) {
            usage();
        }
        SetupFailure.exitOnFailure("soak", soak::run);
    }

    private void run() throws Exception {
        Member sender = new Member(userId("sender"));
        List<Member> receivers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            receivers.add(new Member(userId("r" + i)));
        }
        String roomId = ChatRooms.createGroup(http, gateway, tokens.mint(sender.userId, "student"), "Soak " + runId,
                receivers.stream().map(receiver -> receiver.userId).toList(), "soak-" + runId + "-room");
        count("room", "201");
        List<Member> everyone = new ArrayList<>(receivers);
        everyone.add(sender);
        connectAll(everyone);
        log("run " + runId + ": " + everyone.size() + " sockets in room " + roomId + "; " + seconds + " s of " + chatRate
                + " messages/s, " + webhookRate + " webhooks/s, " + reportRate + " report reads/s");
        teacherToken = tokens.mint(TEACHER_ID, "teacher");

        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        startedNanos = System.nanoTime();
        startedEpochMillis = System.currentTimeMillis();
        load.scheduleAtFixedRate(guarded("chat-send", () -> send(sender, roomId)), 0, periodMicros(chatRate), TimeUnit.MICROSECONDS);
        load.scheduleAtFixedRate(guarded("invoice", this::pay), 0, periodMicros(webhookRate), TimeUnit.MICROSECONDS);
        load.scheduleAtFixedRate(guarded("report", this::readReport), 0, periodMicros(reportRate), TimeUnit.MICROSECONDS);
        load.scheduleAtFixedRate(guarded("ping", () -> everyone.forEach(Member::ping)),
                PING_EVERY.toSeconds(), PING_EVERY.toSeconds(), TimeUnit.SECONDS);
        load.scheduleAtFixedRate(guarded("token", () -> teacherToken = tokens.mint(TEACHER_ID, "teacher")),
                TOKEN_RENEWAL.toMinutes(), TOKEN_RENEWAL.toMinutes(), TimeUnit.MINUTES);
        load.scheduleAtFixedRate(this::progress, 60, 60, TimeUnit.SECONDS);
        TimeUnit.SECONDS.sleep(seconds);
        load.shutdownNow();
        load.awaitTermination(5, TimeUnit.SECONDS);

        long expected = messagesSent.get() * clients;
        long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while ((inFlight.get() > 0 || deliveries.get() < expected) && System.nanoTime() < drainDeadline) {
            Thread.sleep(100);
        }
        closing = true;
        everyone.forEach(Member::close);
        synchronized (samples) {
            samples.close();
        }
        report(expected);
    }

    /** A periodic task that keeps its schedule when one run fails (an executor would cancel it): the failure is counted under KIND. */
    private Runnable guarded(String kind, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException failure) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                count(kind, cause.getClass().getSimpleName());
            }
        };
    }

    private static long periodMicros(double perSecond) {
        return Math.round(1e6 / perSecond);
    }

    private String userId(String role) {
        return "soak-" + runId + "-" + role;
    }

    private long millisSinceStart(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos - startedNanos);
    }

    private void sample(String kind, long sentNanos, long answeredNanos) {
        synchronized (samples) {
            samples.printf(Locale.ROOT, "%s %d %d%n", kind, millisSinceStart(sentNanos), TimeUnit.NANOSECONDS.toMicros(answeredNanos - sentNanos));
        }
    }

    private void count(String kind, String status) {
        statuses.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** Sends a request without waiting; its status is counted and, for a timed KIND, its answer sampled. */
    private CompletableFuture<HttpResponse<String>> request(String kind, HttpRequest request, boolean timed) {
        inFlight.incrementAndGet();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long answered = System.nanoTime();
            if (response != null) {
                count(kind, Integer.toString(response.statusCode()));
                if (timed) {
                    sample(kind, sent, answered);
                }
            } else {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                count(kind, cause.getClass().getSimpleName());
            }
            inFlight.decrementAndGet();
        });
    }

    // ------------------------------------------------------------------ the three kinds of traffic

    private void send(Member sender, String roomId) {
        sender.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"body\":\"soak " + runId + " " + sequence.getAndIncrement()
                + " " + System.nanoTime() + "\"}");
        messagesSent.incrementAndGet();
    }

    /** A fresh student's invoice, then the webhook that pays it. */
    private void pay() {
        String student = userId("s" + sequence.getAndIncrement());
        request("invoice", PaymentWebhooks.invoiceRequest(gateway, tokens.mint(student, "student"), student + "-invoice"), false)
                .thenAccept(answer -> {
                    PaymentWebhooks.Invoice invoice = answer.statusCode() == 201 ? PaymentWebhooks.invoice(answer.body()) : null;
                    if (invoice != null) {
                        request("webhook", PaymentWebhooks.webhookRequest(gateway, invoice, student + "-webhook"), true);
                    }
                });
    }

    private void readReport() {
        request("report", HttpRequest.newBuilder(URI.create(gateway + "/api/reports/stats?weeks=12"))
                .timeout(HTTP_TIMEOUT)
                .header("Authorization", "Bearer " + teacherToken)
                .header("X-Correlation-ID", "soak-" + runId + "-report-" + sequence.getAndIncrement())
                .GET()
                .build(), true);
    }

    private void progress() {
        log(millisSinceStart(System.nanoTime()) / 1000 + " s: " + messagesSent.get() + " messages sent, " + deliveries.get()
                + " deliveries; answers " + statusesJson() + (errorFrames.get() > 0 ? "; " + errorFrames.get() + " error frames" : ""));
    }

    // ------------------------------------------------------------------ set-up

    /** Opens the sockets one after the other, each until its pong (its presence is recorded: deliveries will come). */
    private void connectAll(List<Member> members) throws Exception {
        URI socketUri = URI.create(gateway.replaceFirst("^http", "ws") + "/ws/chat");
        for (Member member : members) {
            try {
                member.socket = http.newWebSocketBuilder()
                        .header("Authorization", "Bearer " + tokens.mint(member.userId, "student"))
                        .header("X-Correlation-ID", "soak-" + runId + "-socket")
                        .buildAsync(socketUri, member)
                        .get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                member.ping();
                member.ponged.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception notReady) {
                throw new SetupFailure("the socket of " + member.userId + " at " + socketUri + " was not ready: " + notReady);
            }
        }
    }

    // ------------------------------------------------------------------ output

    private void report(long expected) {
        log(messagesSent.get() + " messages sent, " + deliveries.get() + " of " + expected + " deliveries; answers " + statusesJson()
                + (unexpectedCloses.get() > 0 ? "; " + unexpectedCloses.get() + " sockets closed by the server" : ""));
        System.out.println("{\"seconds\":" + seconds
                + ",\"started_epoch_ms\":" + startedEpochMillis
                + ",\"requests\":" + statusesJson()
                + ",\"chat\":{\"clients\":" + clients
                + ",\"messages_sent\":" + messagesSent.get()
                + ",\"expected_deliveries\":" + expected
                + ",\"deliveries\":" + deliveries.get()
                + ",\"error_frames\":" + errorFrames.get()
                + ",\"unexpected_closes\":" + unexpectedCloses.get() + "}}");
    }

    private String statusesJson() {
        return new TreeMap<>(statuses).entrySet().stream()
                .map(kind -> "\"" + kind.getKey() + "\":" + new TreeMap<>(kind.getValue()).entrySet().stream()
                        .map(status -> "\"" + status.getKey() + "\":" + status.getValue().sum())
                        .collect(Collectors.joining(",", "{", "}")))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static void log(String line) {
        System.err.println("soak: " + line);
    }

    private static void usage() {
        System.err.println("usage: java -cp CLASSES Soak GATEWAY_URL SECONDS CLIENTS(1-500) CHAT_RATE WEBHOOK_RATE REPORT_RATE SAMPLES_FILE");
        System.exit(2);
    }

    /** A room member's socket; receivers time the deliveries of the soak's messages. */
    private final class Member extends ChatRooms.FrameListener {

        final String userId;
        final CompletableFuture<Void> ponged = new CompletableFuture<>();
        volatile WebSocket socket;

        Member(String userId) {
            this.userId = userId;
        }

        void ping() {
            if (!socket.isOutputClosed()) {
                send("{\"type\":\"ping\"}");
            }
        }

        /** One frame at a time: the JDK refuses a send while the previous one is under way (the sender also pings). */
        synchronized void send(String frame) {
            socket.sendText(frame, true).join();
        }

        void close() {
            WebSocket open = socket;
            if (open != null && !open.isOutputClosed()) {
                open.sendClose(WebSocket.NORMAL_CLOSURE, "soak done");
            }
        }

        @Override
        void onFrame(String frame, long receivedNanos) {
            switch (ChatRooms.frameType(frame)) {
                case "pong" -> ponged.complete(null);
                case "error" -> {
                    if (errorFrames.incrementAndGet() <= ERRORS_PRINTED) {
                        log("error frame to " + userId + ": " + frame);
                    }
                }
                case "message" -> {
                    Matcher body = soakBody.matcher(frame);
                    if (!userId.endsWith("-sender") && body.find()) {
                        deliveries.incrementAndGet();
                        sample("chat", Long.parseLong(body.group(2)), receivedNanos);
                    }
                }
                default -> {
                    // sent answers and notifications are not what is measured
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!closing) {
                unexpectedCloses.incrementAndGet();
                log("the socket of " + userId + " was closed by the server: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closing) {
                unexpectedCloses.incrementAndGet();
                log("the socket of " + userId + " failed: " + error);
            }
        }
    }
}
