package io.learnhub.chat.realtime;

import static io.learnhub.chat.support.TestRequests.as;
import static io.learnhub.chat.support.TestRequests.createRoom;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.learnhub.chat.tracing.ChatSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.chat.support.TestRequests;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.testing.ChatSocketClient;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.PrivateRedisResource;
import io.learnhub.testing.RedisServer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Redis lost and back, on a Redis server of this test's own: chat keeps its promises. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PrivateRedisResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RedisOutageTest {

    /** This test's users: the label with a suffix of this test instance (see TestRequests.uniqueUser). */
    private final java.util.Map<String, String> users = new java.util.HashMap<>();

    @TestHTTPResource("/ws/chat")
    URI socketUrl;

    @Inject
    ChatConnections connections;

    @Inject
    InMemorySpanExporter spanExporter;

    private final RedisServer redis = PrivateRedisResource.server();

    @Test
    void fanOutResubscribesAfterRedisDropsTheSubscriberConnection() {
        UUID roomId = createRoom(u("8001"), "GROUP", null, List.of(u("8002")));
        try (ChatSocketClient bob = connect(u("8002"))) {
            Awaitility.await().until(() -> !connections.ofUser(u("8002")).isEmpty());
            awaitSubscribers(1);

            assertThat(redis.cli("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo("1");
            // a replica that does not listen must not keep sockets that look online but get nothing
            assertThat(bob.awaitNext("error").getString("error")).isEqualTo("realtime_unavailable");
            assertThat(bob.awaitClose()).isEqualTo(1013);
        }
        awaitSubscribers(1);
        try (ChatSocketClient bob = connect(u("8002"))) {
            Awaitility.await().until(() -> !connections.ofUser(u("8002")).isEmpty());
            as(u("8001")).body(Map.of("roomId", roomId, "body", "after the drop")).when().post("/api/chat/messages")
                    .then().statusCode(201);
            assertThat(bob.awaitNext("message").getJsonObject("message").getString("body")).isEqualTo("after the drop");
        }
    }

    @Test
    void withoutRedisRestChatWorksTheSocketSaysSoAndNothingIsLost() {
        UUID roomId = createRoom(u("8101"), "GROUP", null, List.of(u("8102")));
        redis.kill();
        try {
            // still ready: a Redis outage must not take chat-service out of the load balancer
            given().when().get("/q/health/ready").then().statusCode(200);
            as(u("8101")).when().get("/api/chat/rooms").then().statusCode(200).body("id", hasItem(roomId.toString()));
            String messageId = as(u("8101")).body(Map.of("roomId", roomId, "body", "while Redis is down"))
                    .when().post("/api/chat/messages")
                    .then().statusCode(201).extract().path("id");
            as(u("8101")).when().get("/api/chat/rooms/{id}/presence", roomId)
                    .then().statusCode(503)
                    .body("error", equalTo("presence_unavailable"))
                    .body("correlationId", notNullValue())
                    .body("traceId", notNullValue());

            try (ChatSocketClient bob = connect(u("8102"))) {
                JsonObject error = bob.awaitNext("error");
                assertThat(error.getString("error")).isEqualTo("realtime_unavailable");
                assertThat(bob.awaitClose()).isEqualTo(1013);
            }

            redis.restart();
            // sockets are accepted again once this replica listens on the channel again
            awaitSubscribers(1);
            try (ChatSocketClient bob = connect(u("8102"))) {
                assertThat(bob.awaitNext("message").getJsonObject("message").getString("id")).isEqualTo(messageId);
            }
        } finally {
            if (!"PONG".equals(redis.cli("PING"))) {
                redis.restart();
            }
        }

        // the caches fill again once Redis is back
        Awaitility.await().untilAsserted(() -> {
            as(u("8101")).when().get("/api/chat/rooms").then().statusCode(200);
            assertThat(ExportedSpans.matching(spanExporter, ExportedSpans.named(ChatSpans.READ_ROOMS_CACHE)
                    .and(ExportedSpans.with(SharedSpans.USER_ID, u("8101")))
                    .and(ExportedSpans.with(SharedSpans.CACHE_HIT, true)))).isNotEmpty();
        });
    }

    private void awaitSubscribers(int count) {
        Awaitility.await().untilAsserted(() -> assertThat(redis.cli("PUBSUB", "NUMSUB", "chat:deliveries"))
                .endsWith(Integer.toString(count)));
    }

    private ChatSocketClient connect(String userId) {
        return ChatSocketClient.connect(URI.create(socketUrl.toString().replaceFirst("^http", "ws")), DevTokens.student(userId));
    }

    private String u(String label) {
        return users.computeIfAbsent(label, TestRequests::uniqueUser);
    }
}
