import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the chat load programs share (ChatFanout, Soak): a GROUP room made through the gateway, and whole frames from a socket. */
final class ChatRooms {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ROOM_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern FRAME_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+)\"");

    private ChatRooms() {
    }

    /** POST /api/chat/rooms as the creator (a student): a GROUP room of the members; its id, or a SetupFailure. */
    static String createGroup(HttpClient http, String gateway, String creatorToken, String name, List<String> memberIds,
            String correlationId) throws InterruptedException {
        String members = memberIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/chat/rooms"))
                .timeout(HTTP_TIMEOUT)
                .header("Authorization", "Bearer " + creatorToken)
                .header("Content-Type", "application/json")
                .header("X-Correlation-ID", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"type\":\"GROUP\",\"memberIds\":[" + members + "]}"))
                .build();
        HttpResponse<String> response = SetupFailure.send(http, request);
        if (response.statusCode() != 201) {
            throw new SetupFailure("POST /api/chat/rooms answered HTTP " + response.statusCode() + ": " + response.body());
        }
        Matcher id = ROOM_ID.matcher(response.body());
        if (!id.find()) {
            throw new SetupFailure("no room id in " + response.body());
        }
        return id.group(1);
    }

    /** A frame's {@code type}: message, sent, pong, error, ...; empty when it has none. */
    static String frameType(String frame) {
        Matcher type = FRAME_TYPE.matcher(frame);
        return type.find() ? type.group(1) : "";
    }

    /** A socket listener that joins a text frame's parts and hands over each whole frame with the nanoTime it was complete. */
    abstract static class FrameListener implements WebSocket.Listener {

        /** Touched only by the JDK's calls to this listener, which come one at a time. */
        private final StringBuilder partialFrame = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partialFrame.append(data);
            if (last) {
                long receivedNanos = System.nanoTime();
                String frame = partialFrame.toString();
                partialFrame.setLength(0);
                onFrame(frame, receivedNanos);
            }
            webSocket.request(1);
            return null;
        }

        abstract void onFrame(String frame, long receivedNanos);
    }
}
