package io.learnhub.chat.realtime;

import static io.learnhub.chat.support.TestRequests.as;
import static io.learnhub.chat.support.TestRequests.createRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.learnhub.chat.support.TestRequests;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.testing.ChatSocketClient;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** /ws/chat with real WebSocket clients: live delivery, offline delivery, presence, authentication. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChatSocketTest {

    /** This test's users: the label with a suffix of this test instance (see TestRequests.uniqueUser). */
    private final java.util.Map<String, String> users = new java.util.HashMap<>();

    @TestHTTPResource("/ws/chat")
    URI socketUrl;

    @Inject
    ChatConnections connections;

    @Test
    void membersOnlineGetEveryMessageLiveAndAnOfflineMemberGetsThemOnConnectInOrderOnce() {
        UUID roomId = createRoom(u("5001"), "GROUP", null, List.of(u("5002"), u("5003")));
        try (ChatSocketClient alice = connect(u("5001")); ChatSocketClient bob = connect(u("5002"))) {
            awaitOnline(roomId, u("5001"), u("5002"));

            String first = as(u("5001")).body(Map.of("roomId", roomId, "body", "sent over REST"))
                    .when().post("/api/chat/messages")
                    .then().statusCode(201).extract().path("id");
            bob.sendMessage(roomId, "sent over the socket", null);
            JsonObject sent = bob.awaitNext("sent");
            String second = sent.getJsonObject("message").getString("id");

            for (ChatSocketClient member : List.of(alice, bob)) {
                JsonObject firstFrame = member.awaitNext("message");
                JsonObject secondFrame = member.awaitNext("message");
                assertThat(firstFrame.getJsonObject("message").getString("id")).isEqualTo(first);
                assertThat(firstFrame.getString("roomId")).isEqualTo(roomId.toString());
                assertThat(firstFrame.getJsonObject("message").getString("body")).isEqualTo("sent over REST");
                assertThat(firstFrame.getString("traceparent")).startsWith("00-");
                assertThat(secondFrame.getJsonObject("message").getString("id")).isEqualTo(second);
                assertThat(secondFrame.getJsonObject("message").getString("senderId")).isEqualTo(u("5002"));
            }
        }

        try (ChatSocketClient carol = connect(u("5003"))) {
            List<String> delivered = List.of(messageIdOf(carol.awaitNext("message")), messageIdOf(carol.awaitNext("message")));
            String[] history = as(u("5003")).when().get("/api/chat/rooms/{id}/messages", roomId)
                    .then().statusCode(200).extract().path("id").toString().replaceAll("[\\[\\] ]", "").split(",");
            assertThat(delivered).containsExactly(history);
            assertThat(carol.frames("message")).first().satisfies(frame -> assertThat(frame.getString("traceparent")).startsWith("00-"));
        }
        try (ChatSocketClient carolAgain = connect(u("5003"))) {
            carolAgain.send("{\"type\":\"ping\"}");
            carolAgain.awaitNext("pong");
            assertThat(carolAgain.frames("message")).as("pending frames are cleared once delivered").isEmpty();
        }
    }

    @Test
    void memberJoiningWhileConnectedGetsTheNewRoomsMessages() {
        try (ChatSocketClient dave = connect(u("5102"))) {
            Awaitility.await().until(() -> !connections.ofUser(u("5102")).isEmpty());
            UUID roomId = createRoom(u("5101"), "GROUP", null, List.of(u("5102")));
            as(u("5101")).body(Map.of("roomId", roomId, "body", "welcome")).when().post("/api/chat/messages")
                    .then().statusCode(201);
            assertThat(dave.awaitNext("message").getString("roomId")).isEqualTo(roomId.toString());
        }
    }

    @Test
    void presenceListsTheMembersOnlineToMembersOnly() {
        UUID roomId = createRoom(u("5201"), "GROUP", null, List.of(u("5202")));
        try (ChatSocketClient ignored = connect(u("5202"))) {
            awaitOnline(roomId, u("5202"));
            as(u("5201")).when().get("/api/chat/rooms/{id}/presence", roomId)
                    .then().statusCode(200)
                    .body("roomId", equalTo(roomId.toString()))
                    .body("onlineUserIds", contains(u("5202")));
            as(u("5299")).when().get("/api/chat/rooms/{id}/presence", roomId)
                    .then().statusCode(403)
                    .body("error", equalTo("not_member"));
        }
        Awaitility.await().untilAsserted(() -> as(u("5201")).when().get("/api/chat/rooms/{id}/presence", roomId)
                .then().statusCode(200).body("onlineUserIds", hasSize(0)));
    }

    @Test
    void upgradeWithoutAValidTokenIsRefusedWith401() {
        assertThat(ChatSocketClient.refusedUpgrade(socketUrl(), null, Map.of())).contains(401);
        for (DevTokens.Flaw flaw : DevTokens.Flaw.values()) {
            assertThat(ChatSocketClient.refusedUpgrade(socketUrl(), flaw.token(u("5301")), Map.of()))
                    .as("token %s", flaw).contains(401);
        }
        assertThat(connections.ofUser(u("5301"))).isEmpty();
    }

    /**
     * A burst of clients (a replica's clients reconnecting at once after it went away): every
     * opening is a presence transaction in Redis, and each socket must open and answer its ping,
     * none be turned away because the Redis pool's queue is full.
     */
    @Test
    void aBurstOfSocketsOpeningAtOnceIsServedInFull() throws Exception {
        int sockets = 60;
        ExecutorService opening = Executors.newFixedThreadPool(sockets);
        List<ChatSocketClient> clients = new CopyOnWriteArrayList<>();
        try {
            List<Future<JsonObject>> pongs = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                String userId = u("burst-" + i);
                pongs.add(opening.submit(() -> {
                    ChatSocketClient client = connect(userId);
                    clients.add(client);
                    client.send("{\"type\":\"ping\"}");
                    return client.awaitNext(ChatSocketClient.ofType("pong").or(ChatSocketClient.ofType("error")));
                }));
            }
            for (Future<JsonObject> pong : pongs) {
                // a task waits for its socket, then for its pong
                assertThat(pong.get(2 * ChatSocketClient.WAIT.toSeconds(), TimeUnit.SECONDS).getString("type")).isEqualTo("pong");
            }
            assertThat(clients).noneMatch(ChatSocketClient::isClosed);
        } finally {
            opening.shutdownNow();
            clients.forEach(ChatSocketClient::close);
        }
    }

    private void awaitOnline(UUID roomId, String... userIds) {
        Awaitility.await().untilAsserted(() -> as(userIds[0]).when().get("/api/chat/rooms/{id}/presence", roomId)
                .then().statusCode(200).body("onlineUserIds", org.hamcrest.Matchers.hasItems(userIds)));
    }

    private ChatSocketClient connect(String userId) {
        return ChatSocketClient.connect(socketUrl(), DevTokens.student(userId));
    }

    private URI socketUrl() {
        return URI.create(socketUrl.toString().replaceFirst("^http", "ws"));
    }

    static String messageIdOf(JsonObject frame) {
        return frame.getJsonObject("message").getString("id");
    }

    private String u(String label) {
        return users.computeIfAbsent(label, TestRequests::uniqueUser);
    }
}
