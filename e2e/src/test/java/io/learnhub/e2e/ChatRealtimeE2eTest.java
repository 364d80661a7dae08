package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.CHAT;
import static io.learnhub.e2e.E2eStack.GATEWAY;
import static io.learnhub.e2e.E2eStack.SERVICE_INSTANCE_ID;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.testing.ChatSocketClient;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.restassured.http.ContentType;

/**
 * Live chat through the gateway with two chat-service replicas: clients on different replicas get
 * every message, and one trace holds the sender's request and the deliveries on both replicas.
 */
class ChatRealtimeE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();

    private static final Duration TRACE_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void messageReachesMembersOnBothReplicasInOneTrace() {
        String alice = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String roomId = given().baseUri(STACK.gatewayUrl()).auth().oauth2(DevTokens.student(alice)).contentType(ContentType.JSON)
                .body(Map.of("name", "Two replicas", "type", "GROUP", "memberIds", List.of(bob)))
                .when().post("/api/chat/rooms")
                .then().statusCode(201).extract().path("id");

        try (ChatSocketClient aliceSocket = ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(alice));
                ChatSocketClient bobSocket = ChatSocketClient.connect(STACK.gatewayChatSocket(), DevTokens.student(bob))) {
            awaitOnline(alice, roomId, Set.of(alice, bob));

            TraceParent browser = TraceParent.random();
            String correlationId = "e2e-chat-" + UUID.randomUUID();
            String messageId = given().baseUri(STACK.gatewayUrl()).auth().oauth2(DevTokens.student(alice))
                    .contentType(ContentType.JSON)
                    .header("traceparent", browser.header())
                    .header("X-Correlation-ID", correlationId)
                    .body(Map.of("roomId", roomId, "body", "hello across replicas"))
                    .when().post("/api/chat/messages")
                    .then().statusCode(201).extract().path("id");

            JsonObject aliceFrame = aliceSocket.awaitNext("message");
            JsonObject bobFrame = bobSocket.awaitNext("message");
            for (JsonObject frame : List.of(aliceFrame, bobFrame)) {
                assertThat(frame.getJsonObject("message").getString("id")).isEqualTo(messageId);
                assertThat(frame.getString("traceparent")).startsWith("00-" + browser.traceId() + "-");
            }

            TraceTree trace = STACK.traces().awaitTrace(browser.traceId(),
                    tree -> tree.named(CHAT, "deliver_message").size() == 2 && !tree.named(CHAT, "publish_event").isEmpty()
                            && tree.orphans().size() == 1, TRACE_TIMEOUT);
            List<SpanData> deliveries = trace.named(CHAT, "deliver_message");
            assertThat(deliveries).extracting(span -> TraceTree.attributeText(span, "user.id"))
                    .containsExactlyInAnyOrder(alice, bob);
            Set<String> replicas = deliveries.stream()
                    .map(span -> span.getResource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey(SERVICE_INSTANCE_ID)))
                    .collect(Collectors.toSet());
            assertThat(replicas).as("the two sockets are held by different replicas").hasSize(2);
            assertThat(List.of(aliceFrame, bobFrame)).extracting(frame -> frame.getString("traceparent").split("-")[2])
                    .as("each frame carries its delivery span")
                    .containsExactlyInAnyOrderElementsOf(deliveries.stream().map(SpanData::getSpanId).toList());

            SpanData gatewayServer = trace.ofKind(GATEWAY, SpanKind.SERVER).get(0);
            assertThat(gatewayServer.getParentSpanId()).isEqualTo(browser.spanId());
            SpanData send = trace.named(CHAT, "send_message").get(0);
            SpanData broadcast = trace.named(CHAT, "broadcast_message").get(0);
            assertThat(trace.descendsFrom(send, gatewayServer)).isTrue();
            assertThat(broadcast.getParentSpanId()).isEqualTo(send.getSpanId());
            assertThat(deliveries).allSatisfy(delivery -> assertThat(delivery.getParentSpanId()).isEqualTo(broadcast.getSpanId()));
            // one root: the gateway's server span, whose parent is the browser's span (outside the
            // trace); every other span hangs under it
            assertThat(trace.roots()).isEmpty();
            assertThat(trace.orphans()).containsExactly(gatewayServer);
            assertThat(trace.spans()).allSatisfy(span -> assertThat(TraceTree.attributeText(span, "correlation_id"))
                    .as("correlation_id of %s", TraceTree.describe(span)).isEqualTo(correlationId));

            // and back: bob answers over the socket, alice gets it live
            TraceParent bobsBrowser = TraceParent.random();
            bobSocket.sendMessage(roomId, "and back", bobsBrowser);
            assertThat(bobSocket.awaitNext("sent").getString("traceparent")).contains(bobsBrowser.traceId());
            JsonObject answer = aliceSocket.awaitNext(frame -> "message".equals(frame.getString("type"))
                    && "and back".equals(frame.getJsonObject("message").getString("body")));
            assertThat(answer.getString("traceparent")).contains(bobsBrowser.traceId());
        }
    }

    private static void awaitOnline(String userId, String roomId, Set<String> expected) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> online = given().baseUri(STACK.gatewayUrl()).auth().oauth2(DevTokens.student(userId))
                    .when().get("/api/chat/rooms/{id}/presence", roomId)
                    .then().statusCode(200).extract().path("onlineUserIds");
            assertThat(online).containsExactlyInAnyOrderElementsOf(expected);
        });
    }
}
