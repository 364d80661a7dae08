package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.CHAT;
import static io.learnhub.e2e.E2eStack.CHAT_REPLICA;
import static io.learnhub.e2e.GatewayApi.TEACHER_ID;
import static io.learnhub.e2e.GatewayApi.freshUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.testing.ChatSocketClient;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TestKafka;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The stack's Redis killed (SIGKILL) and started again, empty: Redis holds only what can be lost
 * (the gateway's rate limit buckets, chat-service's caches, presence and fan-out between replicas,
 * report-service's stats cache), so the API keeps answering from PostgreSQL, rate limits fail
 * open, live chat closes its sockets rather than leave them silent, and messages sent meanwhile
 * are kept for everyone. Once Redis is back, live chat resumes on both replicas, the caches fill
 * again and the rate limits apply again. Redis is restarted however the outage ends.
 */
@DisplayName("The stack's Redis killed and restarted")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();
    static final GatewayApi API = new GatewayApi(STACK);

    static final String SCENARIO = "redis";
    static final String MESSAGE_SENT_TOPIC = "chat.message-sent.v1";
    /** The gateway's reports route: a bucket of 20 per user (learnhub.gateway.routes.reports.rate-limit.burst), 5 a second. */
    static final int REPORTS_BURST = 20;
    static final int OVER_THE_LIMIT = REPORTS_BURST + 10;
    static final int MESSAGES_DURING_OUTAGE = 5;
    /** chat-service resubscribes with a doubling backoff of at most 10 s (learnhub.chat.realtime.resubscribe-max-backoff). */
    static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofMillis(200);

    final String alice = freshUserId();
    final String bob = freshUserId();
    final String limitedTeacher = freshUserId();
    String roomId;

    // observed while Redis was down
    int bobsCloseCode;
    List<JsonObject> bobsFramesBeforeClose;
    final List<Integer> reportsStatuses = new ArrayList<>();
    final List<String> postedMessageIds = new ArrayList<>();
    Response historyDuringOutage;
    Response roomsDuringOutage;
    Response presenceDuringOutage;
    Duration outage;
    Duration servicesReady;
    Duration liveChatBack;

    @BeforeAll
    void killRedisUseTheStackThenRestartIt() {
        roomId = API.createGroupRoom(alice, List.of(bob));
        try (ChatSocketClient bobSocket = ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(bob))) {
            await("bob online").atMost(RECOVERY_TIMEOUT).pollInterval(POLL)
                    .until(() -> presence(alice).jsonPath().getList("onlineUserIds", String.class), List.of(bob)::equals);

            long killed = System.nanoTime();
            STACK.killRedis();
            try {
                bobsCloseCode = bobSocket.awaitClose();
                bobsFramesBeforeClose = bobSocket.frames();
                for (int i = 0; i < OVER_THE_LIMIT; i++) {
                    reportsStatuses.add(API.asUser(DevTokens.teacher(limitedTeacher)).get("/api/reports/stats").statusCode());
                }
                for (int i = 0; i < MESSAGES_DURING_OUTAGE; i++) {
                    postedMessageIds.add(API.postMessage(alice, roomId, "while Redis is down #" + i));
                }
                historyDuringOutage = API.asUser(DevTokens.student(alice)).get("/api/chat/rooms/{id}/messages", roomId);
                roomsDuringOutage = API.asUser(DevTokens.student(alice)).get("/api/chat/rooms");
                presenceDuringOutage = presence(alice);
            } finally {
                long restarted = System.nanoTime();
                outage = Duration.ofNanos(restarted - killed);
                servicesReady = STACK.restartRedis();
                awaitLiveChatOnEveryReplica();
                liveChatBack = Duration.ofNanos(System.nanoTime() - restarted);
            }
        }
        System.out.printf("[reliability] %s down %s; services ready %s and live chat on both chat replicas %s after it returned%n",
                SCENARIO, Reliability.seconds(outage), Reliability.seconds(servicesReady),
                Reliability.seconds(liveChatBack));
    }

    @Test
    void gatewayKeepsServingWhileRedisIsDown() {
        assertThat(reportsStatuses).as("GET /api/reports/stats through the gateway").hasSize(OVER_THE_LIMIT)
                .allSatisfy(status -> assertThat(status).isBetween(200, 299));
        assertThat(roomsDuringOutage.statusCode()).as(roomsDuringOutage.asString()).isEqualTo(200);
        assertThat(roomsDuringOutage.jsonPath().getList("id")).contains(roomId);
    }

    @Test
    void rateLimitsFailOpenWhileRedisIsDown() {
        System.out.printf("[reliability] %s: gateway reports route, %d requests of one user over a burst of %d: %d answered 2xx,"
                + " %d answered 429%n", SCENARIO, OVER_THE_LIMIT, REPORTS_BURST,
                reportsStatuses.stream().filter(status -> status / 100 == 2).count(),
                reportsStatuses.stream().filter(status -> status == 429).count());
        assertThat(reportsStatuses).doesNotContain(429);
    }

    @Test
    void chatServiceKeepsStoringAndServingMessagesWhileRedisIsDown() {
        assertThat(postedMessageIds).hasSize(MESSAGES_DURING_OUTAGE).doesNotContainNull();
        assertThat(historyDuringOutage.statusCode()).as(historyDuringOutage.asString()).isEqualTo(200);
        assertThat(historyDuringOutage.jsonPath().getList("id", String.class)).containsAll(postedMessageIds);
        // who is online is only in Redis: a clear 503, not a guess and not a 500
        assertThat(presenceDuringOutage.statusCode()).as(presenceDuringOutage.asString()).isEqualTo(503);
        assertThat(presenceDuringOutage.jsonPath().getString("error")).isEqualTo("presence_unavailable");
    }

    @Test
    void liveChatClosesItsSocketsWhileRedisIsDown() {
        assertThat(bobsCloseCode).as("close code of bob's socket, frames %s", bobsFramesBeforeClose).isEqualTo(1013);
        assertThat(bobsFramesBeforeClose).filteredOn(ChatSocketClient.ofType("error"))
                .extracting(frame -> frame.getString("error")).containsExactly("realtime_unavailable");
    }

    /** Presence failed, so everybody counted as offline: bob gets each message once, queued, when he reconnects. */
    @Test
    void messagesSentWhileRedisWasDownReachTheMemberOnceWhenHeReconnects() {
        List<String> delivered = new ArrayList<>();
        try (ChatSocketClient bobSocket = ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(bob))) {
            for (int i = 0; i < MESSAGES_DURING_OUTAGE; i++) {
                delivered.add(bobSocket.awaitNext("message").getJsonObject("message").getString("id"));
            }
            // a ping answered: everything queued before it has been pushed, so no late duplicate is missed
            bobSocket.send("{\"type\":\"ping\"}");
            bobSocket.awaitNext("pong");
            delivered = bobSocket.frames("message").stream().map(frame -> frame.getJsonObject("message").getString("id"))
                    .toList();
        }
        assertThat(delivered).as("queued frames in the order sent").containsExactlyElementsOf(postedMessageIds);
        Reliability.observed(SCENARIO, "/ws/chat queued message frames", postedMessageIds, delivered).report();
    }

    @Test
    void messagesSentWhileRedisWasDownArePublishedOnce() {
        TestKafka kafka = TestKafka.at(STACK.kafkaBootstrapServers());
        List<String> published = await(MESSAGE_SENT_TOPIC + " records of room " + roomId).atMost(RECOVERY_TIMEOUT)
                .pollInterval(POLL)
                .until(() -> kafka.recordsWithKey(MESSAGE_SENT_TOPIC, roomId).stream()
                        .map(record -> new JsonPath(record.value()).getString("data.messageId")).toList(),
                        ids -> ids.containsAll(postedMessageIds));
        Reliability.observed(SCENARIO, MESSAGE_SENT_TOPIC, postedMessageIds, published).report();
    }

    @Test
    void cachesFillAgainWhenRedisIsBack() {
        API.teacherStats();
        API.asUser(DevTokens.student(alice)).get("/api/chat/rooms").then().statusCode(200);
        API.postMessage(alice, roomId, "Redis is back");

        for (String key : List.of("report-service:stats:" + TEACHER_ID, "chat:user:" + alice + ":rooms",
                "chat:room:" + roomId + ":members")) {
            assertThat(STACK.redisCli("EXISTS", key)).as("EXISTS %s", key).isEqualTo("1");
        }
    }

    @Test
    void rateLimitsApplyAgainWhenRedisIsBack() {
        String teacher = freshUserId();
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 2 * OVER_THE_LIMIT && limited == null; i++) {
            Response response = API.asUser(DevTokens.teacher(teacher)).get("/api/reports/stats");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 among %s", statuses).isNotNull();
        assertThat(limited.jsonPath().getString("error")).isEqualTo("rate_limited");
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(statuses.stream().filter(status -> status == 200).count()).as("answered before the 429: %s", statuses)
                .isGreaterThanOrEqualTo(REPORTS_BURST);
        assertThat(STACK.redisCli("EXISTS", "learnhub:gateway:rate:reports:user:" + teacher)).isEqualTo("1");
    }

    private Response presence(String userId) {
        return API.asUser(DevTokens.student(userId)).get("/api/chat/rooms/{id}/presence", roomId);
    }

    /**
     * Each chat-service process accepts a socket again (it listens on the Redis channel once more):
     * a socket opened on it directly answers a ping instead of closing with 1013.
     */
    private void awaitLiveChatOnEveryReplica() {
        for (String replica : List.of(CHAT, CHAT_REPLICA)) {
            URI socket = URI.create(STACK.serviceUrl(replica).replaceFirst("^http", "ws") + "/ws/chat");
            await(replica + " accepts sockets again").atMost(RECOVERY_TIMEOUT).pollInterval(POLL).until(() -> answersPing(socket));
        }
    }

    private static boolean answersPing(URI socket) {
        try (ChatSocketClient probe = ChatSocketClient.connect(socket, DevTokens.student(freshUserId()), Map.of())) {
            probe.send("{\"type\":\"ping\"}");
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !probe.frames("pong").isEmpty() || !probe.frames("error").isEmpty() || probe.isClosed());
            return !probe.frames("pong").isEmpty();
        } catch (RuntimeException refusedOrClosed) {
            return false;
        }
    }
}
