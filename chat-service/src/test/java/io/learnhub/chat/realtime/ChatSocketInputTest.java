package io.learnhub.chat.realtime;

import static io.learnhub.chat.support.TestRequests.as;
import static io.learnhub.chat.support.TestRequests.createRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.chat.support.TestRequests;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.testing.ChatSocketClient;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Whatever is wrong with a client frame gets an error frame: the socket stays open and nothing is stored. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChatSocketInputTest {

    /** This test's users: the label with a suffix of this test instance (see TestRequests.uniqueUser). */
    private final java.util.Map<String, String> users = new java.util.HashMap<>();

    private static final String ROOM = "@room";

    @TestHTTPResource("/ws/chat")
    URI socketUrl;

    @Inject
    InMemorySpanExporter spanExporter;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON                  | `{\"type\":\"send\",`                                  | invalid_frame",
            "not an object             | `[1,2]`                                                | invalid_frame",
            "a string                  | `\"send\"`                                             | invalid_frame",
            "no type                   | `{\"roomId\":\"@room\",\"body\":\"hi\"}`               | invalid_frame",
            "unknown type              | `{\"type\":\"subscribe\",\"roomId\":\"@room\"}`        | invalid_frame",
            "type of the wrong kind    | `{\"type\":7}`                                         | invalid_frame",
            "malformed room id         | `{\"type\":\"send\",\"roomId\":\"nope\",\"body\":\"hi\"}` | invalid_frame",
            "body not a string         | `{\"type\":\"send\",\"roomId\":\"@room\",\"body\":42}` | invalid_frame",
            "no room                   | `{\"type\":\"send\",\"body\":\"hi\"}`                  | validation_failed",
            "empty body                | `{\"type\":\"send\",\"roomId\":\"@room\",\"body\":\"\"}` | validation_failed",
            "blank body                | `{\"type\":\"send\",\"roomId\":\"@room\",\"body\":\"   \"}` | validation_failed",
            "unknown room              | `{\"type\":\"send\",\"roomId\":\"00000000-0000-0000-0000-000000000001\",\"body\":\"hi\"}` | not_found"})
    void invalidFrameIsAnsweredWithAnErrorFrameAndNothingIsStored(String name, String frame, String expectedError) {
        UUID roomId = createRoom(u("7001"), "GROUP", null, List.of());
        try (ChatSocketClient client = connect(u("7001"))) {
            client.send(frame.replace(ROOM, roomId.toString()));

            JsonObject error = client.awaitNext("error");
            assertThat(error.getString("error")).isEqualTo(expectedError);
            assertThat(error.getString("message")).isNotBlank();
            assertThat(error.getString("correlationId")).isNotBlank();
            assertThat(error.getString("traceId")).hasSize(32);
            assertKeptOpen(client);
        }
        as(u("7001")).when().get("/api/chat/rooms/{id}/messages", roomId).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void oversizedBodyIsRefused() {
        UUID roomId = createRoom(u("7101"), "GROUP", null, List.of());
        try (ChatSocketClient client = connect(u("7101"))) {
            client.sendMessage(roomId, "x".repeat(4001), null);

            JsonObject error = client.awaitNext("error");
            assertThat(error.getString("error")).isEqualTo("validation_failed");
            assertThat(error.getString("message")).contains("body");
            assertKeptOpen(client);
        }
        as(u("7101")).when().get("/api/chat/rooms/{id}/messages", roomId).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void frameOverTheSizeLimitClosesTheConnectionUnread() {
        try (ChatSocketClient client = connect(u("7151"))) {
            client.send("{\"type\":\"send\",\"body\":\"" + "x".repeat(70_000) + "\"}");
            // Vert.x refuses to buffer it and closes with 1011 (not 1009, as one might expect)
            assertThat(client.awaitClose()).isEqualTo(1011);
        }
    }

    @Test
    void nonMemberCannotSendAndItsSpansSayWhy() {
        UUID roomId = createRoom(u("7201"), "GROUP", null, List.of());
        TraceParent browser = TraceParent.random();
        try (ChatSocketClient outsider = connect(u("7299"))) {
            outsider.sendMessage(roomId, "let me in", browser);

            JsonObject error = outsider.awaitNext("error");
            assertThat(error.getString("error")).isEqualTo("not_member");
            assertThat(error.getString("traceId")).isEqualTo(browser.traceId());
            assertKeptOpen(outsider);
        }
        as(u("7201")).when().get("/api/chat/rooms/{id}/messages", roomId).then().statusCode(200).body("$", hasSize(0));

        TraceTree spans = ExportedSpans.awaitTrace(spanExporter, browser.traceId(), ChatSpans.RECEIVE_FRAME, ChatSpans.SEND_MESSAGE);
        for (String name : List.of(ChatSpans.RECEIVE_FRAME, ChatSpans.SEND_MESSAGE)) {
            SpanData span = spans.named(name);
            assertThat(span.getStatus().getStatusCode()).as(name).isEqualTo(StatusCode.ERROR);
            assertThat(span.getAttributes().get(SharedSpans.ERROR_TYPE)).as(name).isEqualTo("not_member");
        }
        assertThat(spans.find(ChatSpans.BROADCAST_MESSAGE)).isEmpty();
    }

    @Test
    void nonMemberReceivesNothingOfARoom() {
        UUID roomId = createRoom(u("7301"), "GROUP", null, List.of(u("7302")));
        try (ChatSocketClient outsider = connect(u("7399")); ChatSocketClient member = connect(u("7302"))) {
            as(u("7301")).body(java.util.Map.of("roomId", roomId, "body", "members only")).when().post("/api/chat/messages")
                    .then().statusCode(201);
            member.awaitNext("message");
            assertKeptOpen(outsider);
            assertThat(outsider.frames()).as("frames of a room the user is not in")
                    .allSatisfy(frame -> assertThat(frame.getString("type")).isEqualTo("pong"));
        }
    }

    /** A ping still gets its pong: the connection survived. */
    private static void assertKeptOpen(ChatSocketClient client) {
        client.send("{\"type\":\"ping\"}");
        client.awaitNext("pong");
        assertThat(client.isClosed()).isFalse();
    }

    private ChatSocketClient connect(String userId) {
        return ChatSocketClient.connect(URI.create(socketUrl.toString().replaceFirst("^http", "ws")), DevTokens.student(userId));
    }

    private String u(String label) {
        return users.computeIfAbsent(label, TestRequests::uniqueUser);
    }
}
