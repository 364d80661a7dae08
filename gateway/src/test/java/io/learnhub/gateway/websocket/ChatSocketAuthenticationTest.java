package io.learnhub.gateway.websocket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.support.ChatReplicas;
import io.learnhub.gateway.support.ChatReplicasResource;
import io.learnhub.gateway.support.GatewaySocket;
import io.learnhub.gateway.support.InjectChatReplicas;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;

/**
 * The upgrade to /ws/chat needs a valid JWT (401 otherwise) and, from a browser, an allowed origin
 * (403 otherwise); a refused upgrade opens nothing, on the gateway or at chat-service.
 */
@QuarkusTest
@WithTestResource(ChatReplicasResource.class)
class ChatSocketAuthenticationTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    /** A local frontend's dev server: %test.quarkus.http.cors.origins. */
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
    void upgradeWithoutTokenIsRefusedWith401() throws Exception {
        String correlationId = newCorrelationId();

        int status = GatewaySocket.refusal(vertx, GatewaySocket.options(endpoint).addHeader(CorrelationId.HEADER, correlationId));

        assertThat(status).isEqualTo(401);
        assertThat(replicas.hasSocket(correlationId)).isFalse();
    }

    @Test
    void upgradeWithoutTokenGetsTheErrorBody() {
        String correlationId = newCorrelationId();

        given().header(CorrelationId.HEADER, correlationId)
                .header("Connection", "Upgrade").header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .when().get(endpoint)
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("unauthorized"))
                .body("correlationId", equalTo(correlationId))
                .body("traceId", matchesPattern("[0-9a-f]{32}"));
        assertThat(replicas.hasSocket(correlationId)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DevTokens.Flaw.class)
    void upgradeWithATokenThatMustNotBeTrustedIsRefusedWith401(DevTokens.Flaw flaw) throws Exception {
        String correlationId = newCorrelationId();

        int status = GatewaySocket.refusal(vertx, GatewaySocket.options(endpoint).addHeader(CorrelationId.HEADER, correlationId)
                .addHeader("Authorization", "Bearer " + flaw.token("2001")));

        assertThat(status).as(flaw.name()).isEqualTo(401);
        assertThat(replicas.hasSocket(correlationId)).as("bridged with a %s token", flaw).isFalse();
    }

    @Test
    void subprotocolCarrierWithAnExpiredTokenIsRefusedWith401() throws Exception {
        String correlationId = newCorrelationId();
        String carrier = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + DevTokens.expired("2001"),
                StandardCharsets.UTF_8).replace("+", "%20");

        int status = GatewaySocket.refusal(vertx, GatewaySocket.browserOptions(endpoint, FRONTEND)
                .setSubProtocols(List.of("bearer-token-carrier", carrier)).addHeader(CorrelationId.HEADER, correlationId));

        assertThat(status).isEqualTo(401);
        assertThat(replicas.hasSocket(correlationId)).isFalse();
    }

    @Test
    void browserOnAnotherOriginIsRefusedWith403() throws Exception {
        String correlationId = newCorrelationId();

        int status = GatewaySocket.refusal(vertx, withToken(GatewaySocket.browserOptions(endpoint, "https://evil.example"), correlationId));

        assertThat(status).isEqualTo(403);
        assertThat(replicas.hasSocket(correlationId)).isFalse();
    }

    @Test
    void browserOnAConfiguredFrontendOriginIsBridged() throws Exception {
        assertBridged(GatewaySocket.browserOptions(endpoint, FRONTEND));
    }

    @Test
    void browserOnTheGatewaysOwnOriginIsBridged() throws Exception {
        assertBridged(GatewaySocket.browserOptions(endpoint, "http://" + endpoint.getHost() + ":" + endpoint.getPort()));
    }

    @Test
    void appWithoutOriginIsBridged() throws Exception {
        assertBridged(GatewaySocket.options(endpoint));
    }

    private static WebSocketConnectOptions withToken(WebSocketConnectOptions options, String correlationId) {
        return options.addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, correlationId);
    }

    private void assertBridged(WebSocketConnectOptions options) throws Exception {
        String correlationId = newCorrelationId();
        try (GatewaySocket client = GatewaySocket.connect(vertx, withToken(options, correlationId))) {
            client.send("hello");
            assertThat(replicas.awaitSocket(correlationId).awaitFrames(1)).containsExactly("hello");
        }
    }
}
