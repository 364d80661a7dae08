import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live chat through the gateway, run by infra/local/chat-demo with the JDK alone (java
 * ChatDemo.java): two users open /ws/chat, one posts over REST, the other answers over the
 * socket, and each prints the frames it receives. The last line is the trace id of the REST post.
 *
 * Arguments: GATEWAY_URL SENDER_TOKEN SENDER_ID RECEIVER_TOKEN RECEIVER_ID CORRELATION_ID
 */
public class ChatDemo {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: java ChatDemo.java GATEWAY_URL SENDER_TOKEN SENDER_ID RECEIVER_TOKEN RECEIVER_ID CORRELATION_ID");
            System.exit(2);
        }
        String gateway = args[0];
        String senderToken = args[1];
        String receiverToken = args[3];
        String receiverId = args[4];
        String correlationId = args[5];
        URI socket = URI.create(gateway.replaceFirst("^http", "ws") + "/ws/chat");

        HttpResponse<String> room = post(gateway + "/api/chat/rooms", senderToken, correlationId + "-room",
                "{\"name\":\"Chat demo\",\"type\":\"GROUP\",\"memberIds\":[\"" + receiverId + "\"]}");
        String roomId = field(room.body(), "id");
        System.out.println("room " + roomId + " created (HTTP " + room.statusCode() + ")");

        Client sender = Client.open("sender  ", socket, senderToken, roomId);
        Client receiver = Client.open("receiver", socket, receiverToken, roomId);
        // a pong comes once the server has finished opening the socket (presence, queued frames)
        sender.ping();
        receiver.ping();

        HttpResponse<String> sent = post(gateway + "/api/chat/messages", senderToken, correlationId,
                "{\"roomId\":\"" + roomId + "\",\"body\":\"Hello from the chat demo\"}");
        System.out.println("POST /api/chat/messages -> HTTP " + sent.statusCode());
        receiver.awaitFrames(1);
        sender.awaitFrames(1);

        receiver.ws.sendText("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"body\":\"Hi back, over the socket\"}", true).join();
        sender.awaitFrames(2);
        receiver.awaitFrames(3);
        sender.ws.sendClose(WebSocket.NORMAL_CLOSURE, "demo done").join();
        receiver.ws.sendClose(WebSocket.NORMAL_CLOSURE, "demo done").join();

        String traceresponse = sent.headers().firstValue("traceresponse").orElse("");
        System.out.println(traceresponse.isEmpty() ? "" : traceresponse.split("-")[1]);
    }

    private static HttpResponse<String> post(String url, String token, String correlationId, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("X-Correlation-ID", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return matcher.group(1);
    }

    /**
     * A socket that prints every frame it receives and counts the message-like ones of the demo's
     * room: messages of other rooms (queued for the user while offline, such as an earlier demo's
     * "new student" message) are printed, not counted.
     */
    private static final class Client implements WebSocket.Listener {

        private final String name;
        private final String roomId;
        private final java.util.concurrent.BlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.concurrent.BlockingQueue<String> pongs = new java.util.concurrent.LinkedBlockingQueue<>();
        private int taken;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;

        private Client(String name, String roomId) {
            this.name = name;
            this.roomId = roomId;
        }

        static Client open(String name, URI uri, String token, String roomId) throws Exception {
            Client client = new Client(name, roomId);
            client.ws = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(uri, client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            System.out.println(name + " connected to " + uri);
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                String type = field(frame, "type");
                if (type.equals("pong")) {
                    pongs.add(frame);
                } else if (!type.equals("notification") && frame.contains("\"roomId\":\"" + roomId + "\"")) {
                    frames.add(frame);
                }
                String body = frame.contains("\"body\"") ? " \"" + field(frame, "body") + "\"" : "";
                String traceparent = frame.contains("\"traceparent\"") ? " traceparent=" + field(frame, "traceparent") : "";
                System.out.println(name + " <- " + type + body + traceparent);
            }
            webSocket.request(1);
            return null;
        }

        void ping() throws InterruptedException {
            ws.sendText("{\"type\":\"ping\"}", true).join();
            if (pongs.poll(WAIT.toSeconds(), TimeUnit.SECONDS) == null) {
                throw new IllegalStateException(name + " got no pong");
            }
        }

        /** Waits until this client has received {@code count} message frames in all. */
        void awaitFrames(int count) throws InterruptedException {
            while (taken < count) {
                if (frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException(name + " received " + taken + " of " + count + " frames");
                }
                taken++;
            }
        }
    }
}
