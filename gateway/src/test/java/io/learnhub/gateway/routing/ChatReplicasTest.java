package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.support.ChatReplicas;
import io.learnhub.gateway.support.ChatReplicasResource;
import io.learnhub.gateway.support.GatewaySocket;
import io.learnhub.gateway.support.InjectChatReplicas;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.websocket.ChatSocket;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/** With two chat-service replicas configured, requests and WebSockets take them in turn. */
@QuarkusTest
@WithTestResource(ChatReplicasResource.class)
class ChatReplicasTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

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
    void consecutiveSocketsLandOnDifferentReplicas() throws Exception {
        String first = newCorrelationId();
        String second = newCorrelationId();

        try (GatewaySocket one = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, first));
                GatewaySocket two = GatewaySocket.connect(vertx, GatewaySocket.options(endpoint)
                        .addHeader("Authorization", STUDENT_BEARER).addHeader(CorrelationId.HEADER, second))) {
            assertThat(replicas.awaitReplicaOf(first)).isNotSameAs(replicas.awaitReplicaOf(second));
        }
    }

    @Test
    void consecutiveRequestsLandOnDifferentReplicas() {
        String first = newCorrelationId();
        String second = newCorrelationId();

        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, first).get("/api/chat/rooms")
                .then().statusCode(200);
        given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, second).get("/api/chat/rooms")
                .then().statusCode(200);

        assertThat(replicaThatReceived(first)).isNotSameAs(replicaThatReceived(second));
    }

    private RecordingUpstream replicaThatReceived(String correlationId) {
        return replicas.both().stream().filter(replica -> replica.hasReceived(correlationId)).findFirst().orElseThrow();
    }
}
