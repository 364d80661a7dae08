package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.CHAT;
import static io.learnhub.e2e.E2eStack.CHAT_REPLICA;
import static io.learnhub.e2e.E2eStack.GATEWAY;
import static io.learnhub.e2e.E2eStack.SERVICE_INSTANCE_ID;
import static io.learnhub.e2e.GatewayApi.freshUserId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.testing.ChatSocketClient;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * A chat-service replica killed with {@code kill -9} while WebSocket clients are on it: the gateway
 * drops their sockets, they reconnect through the gateway as a frontend would (and land on the
 * surviving replica, never on the dead one), and, with what their sockets received and the room's
 * history they read back on reconnecting, every message sent before, during and after the crash is
 * theirs once, in order. The killed replica is started again at the end and takes sockets again.
 *
 * <p>Which replica holds a socket is read from the {@code open_connection} span of its user, whose
 * resource names the process ({@code service.instance.id}).
 */
@DisplayName("A chat-service replica killed with WebSocket clients on it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatReplicaCrashE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();
    static final GatewayApi API = new GatewayApi(STACK);

    static final String SCENARIO = "chat-replica-crash";
    static final int MEMBERS = 4;
    static final Duration SPAN_TIMEOUT = Duration.ofSeconds(15);
    static final Duration POLL = Duration.ofMillis(100);
    static final AttributeKey<String> INSTANCE = AttributeKey.stringKey(SERVICE_INSTANCE_ID);

    final String alice = freshUserId();
    final List<String> members = Stream.generate(GatewayApi::freshUserId).limit(MEMBERS).toList();
    String roomId;
    ChatSocketClient aliceSocket;
    String survivor;
    String victim;
    /** Each member's sockets in the order they were opened: one, and a second for those cut off. */
    final Map<String, List<ChatSocketClient>> sockets = new LinkedHashMap<>();
    final Map<String, String> replicaBefore = new LinkedHashMap<>();
    final Map<String, String> replicaAfter = new LinkedHashMap<>();
    final List<String> cutOff = new ArrayList<>();
    final Map<String, Integer> closeCodes = new LinkedHashMap<>();
    /** Ids of the messages alice sent, in order; those sent between the crash and the reconnects. */
    final List<String> sent = new ArrayList<>();
    final Set<String> sentWhileCutOff = new LinkedHashSet<>();
    final List<String> replicasAfterRestart = new ArrayList<>();

    @BeforeAll
    void crashAReplicaUnderItsClients() {
        roomId = API.createGroupRoom(alice, members);
        aliceSocket = ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(alice));
        survivor = awaitReplicaOf(alice, Instant.EPOCH);
        victim = survivor.equals(CHAT) ? CHAT_REPLICA : CHAT;
        for (String member : members) {
            Instant opened = Instant.now();
            sockets.computeIfAbsent(member, ignored -> new ArrayList<>())
                    .add(ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(member)));
            replicaBefore.put(member, awaitReplicaOf(member, opened));
        }
        replicaBefore.forEach((member, replica) -> {
            if (replica.equals(victim)) {
                cutOff.add(member);
            }
        });
        awaitOnline();

        List<String> beforeTheCrash = send(2);
        // delivered before the kill: a frame still in flight when a replica dies is lost with it, like those sent while its clients are away
        for (String member : members) {
            ChatSocketClient socket = sockets.get(member).get(0);
            await(member + "'s messages before the crash").atMost(SPAN_TIMEOUT).pollInterval(POLL)
                    .until(() -> messageIds(socket).containsAll(beforeTheCrash));
        }
        STACK.killService(victim);
        Instant killed = Instant.now();
        try {
            for (String member : cutOff) {
                closeCodes.put(member, sockets.get(member).get(0).awaitClose());
            }
            long dropped = Reliability.millisSince(killed);
            // the cut-off clients are away: what alice sends now they must get on reconnecting
            sentWhileCutOff.addAll(send(3));
            for (String member : cutOff) {
                Instant opened = Instant.now();
                sockets.get(member).add(ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(member)));
                replicaAfter.put(member, awaitReplicaOf(member, opened));
            }
            System.out.printf("[reliability] %s: %s killed; its %d clients dropped within %d ms, reconnected through the"
                    + " gateway %d ms after the kill%n", SCENARIO, victim, cutOff.size(), dropped, Reliability.millisSince(killed));
            send(2);
        } finally {
            Instant restart = Instant.now();
            STACK.restartService(victim);
            System.out.printf("[reliability] %s: %s restarted and routed to in %d ms%n", SCENARIO, victim,
                    Reliability.millisSince(restart));
        }
        // two new sockets in a row take both replicas again
        for (int i = 0; i < 2; i++) {
            String probe = freshUserId();
            Instant opened = Instant.now();
            try (ChatSocketClient socket = ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(probe))) {
                replicasAfterRestart.add(awaitReplicaOf(probe, opened));
            }
        }
    }

    @AfterAll
    void closeSockets() {
        Stream.concat(Stream.of(aliceSocket), sockets.values().stream().flatMap(List::stream))
                .filter(socket -> socket != null)
                .forEach(ChatSocketClient::close);
    }

    /** alice sends {@code count} messages over her socket, each acknowledged with its {@code sent} frame; their ids. */
    private List<String> send(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "message " + (sent.size() + 1);
            aliceSocket.sendMessage(roomId, body, null);
            JsonObject ack = aliceSocket.awaitNext(frame -> "sent".equals(frame.getString("type"))
                    && body.equals(frame.getJsonObject("message").getString("body")));
            ids.add(ack.getJsonObject("message").getString("id"));
            sent.add(ids.get(ids.size() - 1));
        }
        return ids;
    }

    @Test
    void theGatewaySpreadSocketsOverBothReplicasAndSentTheReconnectsToTheSurvivor() {
        assertThat(replicaBefore).as("replica of each member's socket before the crash (alice on %s)", survivor)
                .containsValues(CHAT, CHAT_REPLICA);
        assertThat(cutOff).as("members on %s", victim).isNotEmpty();
        assertThat(closeCodes.values()).as("close codes the gateway relayed to the cut-off clients")
                .allSatisfy(code -> assertThat(code).isIn(1001, 1006, 1011));
        assertThat(replicaAfter).as("replica of each reconnected socket").hasSameSizeAs(cutOff)
                .allSatisfy((member, replica) -> assertThat(replica).isEqualTo(survivor));
        // the gateway takes the replicas in turn: with the victim dead, a reconnect given to it was failed over
        System.out.printf("[reliability] %s: %d reconnects failed over from the dead replica by the gateway%n", SCENARIO,
                failedAttemptsOnTheVictim().size());
        if (cutOff.size() > 1) {
            assertThat(failedAttemptsOnTheVictim()).as("the gateway's failed WebSocket attempts on %s", victim).isNotEmpty()
                    .allSatisfy(attempt -> assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
        }
    }

    /** The gateway's CLIENT spans of WebSockets it tried to open to the killed replica while it was dead. */
    private List<SpanData> failedAttemptsOnTheVictim() {
        String port = Integer.toString(URI.create(STACK.serviceUrl(victim)).getPort());
        return STACK.traces().spans().stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT && GATEWAY.equals(TraceTree.serviceName(span)))
                .filter(span -> span.getStatus().getStatusCode() == StatusCode.ERROR)
                .filter(span -> port.equals(TraceTree.attributeText(span, "server.port")))
                .filter(span -> String.valueOf(TraceTree.attributeText(span, "url.full")).startsWith("ws"))
                .toList();
    }

    @Test
    void clientsOnTheSurvivorGetEveryMessageLiveOnceInOrder() {
        List<String> stayed = members.stream().filter(member -> !cutOff.contains(member)).toList();
        for (String member : stayed) {
            ChatSocketClient socket = sockets.get(member).get(0);
            await(member + "'s messages").atMost(SPAN_TIMEOUT).pollInterval(POLL)
                    .until(() -> messageIds(socket).size() >= sent.size());
        }
        Map<String, List<String>> received = stayed.stream()
                .collect(Collectors.toMap(member -> member, member -> messageIds(sockets.get(member).get(0))));
        report("chat messages -> clients on the surviving replica", stayed, received);
        received.forEach((member, ids) -> assertThat(ids).as("%s's messages", member).containsExactlyElementsOf(sent));
    }

    /**
     * The cut-off clients' sockets (the dropped one, then the new one) never repeat a message nor
     * change the order, and miss none delivered before the crash or sent after the reconnect. Those
     * sent while they were away are not all pushed: the dead replica's connections still count as
     * online (presence) until their TTL, so those messages went live to no socket instead of the
     * offline queue (as does a frame in flight on the replica when it dies). The client reads the room's history on reconnecting, as a frontend must: with it,
     * every message is theirs once, in order.
     */
    @Test
    void cutOffClientsGetEveryMessageOnceInOrderWithTheHistoryTheyReadOnReconnecting() {
        for (String member : cutOff) {
            ChatSocketClient reconnected = sockets.get(member).get(1);
            await(member + "'s messages after the reconnect").atMost(SPAN_TIMEOUT).pollInterval(POLL)
                    .until(() -> messageIds(reconnected).containsAll(sent.subList(sent.size() - 2, sent.size())));
        }
        Map<String, List<String>> overSockets = new LinkedHashMap<>();
        Map<String, List<String>> withHistory = new LinkedHashMap<>();
        for (String member : cutOff) {
            List<String> pushed = sockets.get(member).stream().flatMap(socket -> messageIds(socket).stream()).toList();
            overSockets.put(member, pushed);
            List<String> history = API.asUser(DevTokens.student(member)).get("/api/chat/rooms/{id}/messages", roomId)
                    .then().statusCode(200).extract().jsonPath().getList("id", String.class);
            // the web client's merge: the history read on reconnecting and what the sockets pushed, each message once
            // by id, in the history's order (so this tally proves nothing lost; duplicates are ruled out over the sockets below)
            LinkedHashSet<String> merged = new LinkedHashSet<>(history);
            merged.addAll(pushed);
            withHistory.put(member, List.copyOf(merged));
        }
        Map<String, Long> missedOverSockets = overSockets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> sent.stream().filter(id -> !entry.getValue().contains(id)).count()));
        System.out.printf("[reliability] %s: chat messages -> cut-off clients' sockets alone: accepted %d, missed %d"
                + " (all sent while they were away: %d), duplicated %d%n", SCENARIO, sent.size() * cutOff.size(),
                missedOverSockets.values().stream().mapToLong(Long::longValue).sum(), sentWhileCutOff.size() * cutOff.size(),
                overSockets.values().stream().mapToLong(ids -> ids.size() - ids.stream().distinct().count()).sum());
        overSockets.forEach((member, pushed) -> {
            assertThat(pushed).as("%s's pushed messages", member).doesNotHaveDuplicates();
            assertThat(sent).as("%s's pushed messages in the order sent", member).containsSubsequence(pushed);
            assertThat(pushed).as("%s's pushed messages: those sent outside the crash", member)
                    .containsAll(sent.stream().filter(id -> !sentWhileCutOff.contains(id)).toList());
        });

        report("chat messages -> cut-off clients (sockets and history on reconnect)", cutOff, withHistory);
        withHistory.forEach((member, ids) -> assertThat(ids).as("%s's messages", member).containsExactlyElementsOf(sent));
    }

    @Test
    void theRestartedReplicaTakesSocketsAgain() {
        assertThat(replicasAfterRestart).as("replicas of two new sockets after the restart").containsExactlyInAnyOrder(CHAT, CHAT_REPLICA);
    }

    private void report(String subject, List<String> receivers, Map<String, List<String>> received) {
        List<String> keys = receivers.stream().flatMap(member -> sent.stream().map(id -> member + "/" + id)).toList();
        Reliability.perKey(SCENARIO, subject, keys, key -> {
            String[] memberAndId = key.split("/");
            return received.get(memberAndId[0]).stream().filter(memberAndId[1]::equals).count();
        }).report();
    }

    private List<String> messageIds(ChatSocketClient socket) {
        return socket.frames("message").stream()
                .filter(frame -> roomId.equals(frame.getString("roomId")))
                .map(frame -> frame.getJsonObject("message").getString("id"))
                .toList();
    }

    /** The chat-service process ({@code service.instance.id}) that opened the user's latest socket since {@code since}. */
    private static String awaitReplicaOf(String userId, Instant since) {
        long sinceNanos = since.toEpochMilli() * 1_000_000L;
        return await("the open_connection span of " + userId).atMost(SPAN_TIMEOUT).pollInterval(POLL)
                .until(() -> STACK.traces().spans().stream()
                        .filter(span -> "open_connection".equals(span.getName()))
                        .filter(span -> userId.equals(TraceTree.attributeText(span, "user.id")))
                        .filter(span -> span.getStartEpochNanos() >= sinceNanos)
                        .max(Comparator.comparingLong(SpanData::getStartEpochNanos))
                        .map(span -> span.getResource().getAttribute(INSTANCE)), Optional::isPresent)
                .orElseThrow();
    }

    private void awaitOnline() {
        Set<String> everyone = new LinkedHashSet<>(members);
        everyone.add(alice);
        await("every member online").atMost(SPAN_TIMEOUT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(API.asUser(DevTokens.student(alice))
                        .get("/api/chat/rooms/{id}/presence", roomId).then().statusCode(200).extract()
                        .jsonPath().getList("onlineUserIds", String.class)).containsExactlyInAnyOrderElementsOf(everyone));
    }
}
