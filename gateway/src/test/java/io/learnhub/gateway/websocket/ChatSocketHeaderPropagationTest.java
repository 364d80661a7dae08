package io.learnhub.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.support.ChatReplicas;
import io.learnhub.gateway.support.ChatReplicasResource;
import io.learnhub.gateway.support.GatewaySocket;
import io.learnhub.gateway.support.InjectChatReplicas;
import io.learnhub.gateway.support.RecordedSocket;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/** Which handshake headers the gateway sends to chat-service's /ws/chat, and which it must not. */
@QuarkusTest
@WithTestResource(ChatReplicasResource.class)
class ChatSocketHeaderPropagationTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    private static final String FRONTEND = "http://localhost:5173";

    @TestHTTPResource(ChatSocket.PATH)
    URI endpoint;

    @InjectChatReplicas
    ChatReplicas replicas;

    @Inject
    Vertx vertx;

    private static String newCorrelationId() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void authorizationIsForwarded() throws Exception {
        String correlationId = newCorrelationId();

        try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId))) {
            assertThat(replicas.awaitSocket(correlationId).headers().getAll("Authorization")).containsExactly(STUDENT_BEARER);
        }
    }

    @Test
    void tokenOfTheSubprotocolCarrierReachesChatServiceAsAuthorization() throws Exception {
        String correlationId = newCorrelationId();
        String token = DevTokens.student("2002");
        // what a browser's encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer ' + token) gives
        String carrier = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                .replace("+", "%20");

        try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.browserOptions(endpoint, FRONTEND)
                .setSubProtocols(List.of("bearer-token-carrier", carrier)).addHeader(CorrelationId.HEADER, correlationId))) {
            RecordedSocket upstream = replicas.awaitSocket(correlationId);
            assertThat(upstream.headers().getAll("Authorization")).containsExactly("Bearer " + token);
            assertThat(upstream.headers().contains("Sec-WebSocket-Protocol")).isFalse();
            assertThat(client.subprotocol()).isEqualTo("bearer-token-carrier");
        }
    }

    @Test
    void correlationIdTravelsAsHeaderAndAsBaggage() throws Exception {
        String correlationId = newCorrelationId();

        try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId))) {
            RecordedSocket upstream = replicas.awaitSocket(correlationId);
            assertThat(upstream.headers().getAll(CorrelationId.HEADER)).containsExactly(correlationId);
            assertThat(upstream.headers().get("baggage")).isEqualTo(CorrelationId.BAGGAGE_KEY + "=" + correlationId);
        }
    }

    @Test
    void baggageSentByTheClientIsNotForwarded() throws Exception {
        String correlationId = newCorrelationId();

        try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId)
                .addHeader("baggage", "tenant=evil,correlation_id=spoofed"))) {
            assertThat(replicas.awaitSocket(correlationId).headers().getAll("baggage"))
                    .containsExactly(CorrelationId.BAGGAGE_KEY + "=" + correlationId);
        }
    }

    @Test
    void theBrowsersOriginIsNotPassedOn() throws Exception {
        String correlationId = newCorrelationId();

        try (GatewaySocket client = GatewaySocket.connect(vertx, GatewaySocket.browserOptions(endpoint, FRONTEND)
                .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId))) {
            assertThat(replicas.awaitSocket(correlationId).headers().contains("Origin")).isFalse();
        }
    }
}
