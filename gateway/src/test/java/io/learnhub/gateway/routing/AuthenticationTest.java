package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.ReceivedRequest;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceResponseHeader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every /api route needs a valid JWT, except the payment provider's webhook. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class AuthenticationTest {

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    private static String newCorrelationId() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void requestWithoutTokenIsRejectedWith401ErrorBody() {
        String correlationId = newCorrelationId();

        Response response = given().header(CorrelationId.HEADER, correlationId).get("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("error")).isEqualTo("unauthorized");
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(correlationId);
        assertThat(response.header(CorrelationId.HEADER)).isEqualTo(correlationId);
        assertThat(response.jsonPath().getString("traceId"))
                .isEqualTo(TraceResponseHeader.parse(response.header("traceresponse")).traceId());
        assertThat(upstream.hasReceived(correlationId)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DevTokens.Flaw.class)
    void tokenThatMustNotBeTrustedIsRejectedWith401ErrorBody(DevTokens.Flaw flaw) {
        String correlationId = newCorrelationId();
        String token = flaw.token("2001");

        Response response = given().header(CorrelationId.HEADER, correlationId)
                .header("Authorization", "Bearer " + token)
                .get("/api/chat/rooms");

        assertThat(response.statusCode()).as(flaw.name()).isEqualTo(401);
        assertThat(response.jsonPath().getString("error")).isEqualTo("unauthorized");
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(correlationId);
        assertThat(response.jsonPath().getString("traceId"))
                .isEqualTo(TraceResponseHeader.parse(response.header("traceresponse")).traceId());
        assertThat(upstream.hasReceived(correlationId)).as("forwarded with a %s token", flaw).isFalse();
    }

    @Test
    void validDevTokenIsAccepted() {
        String correlationId = newCorrelationId();

        Response response = given().header(CorrelationId.HEADER, correlationId)
                .header("Authorization", "Bearer " + DevTokens.student("2001"))
                .get("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.awaitRequest(correlationId)).isNotNull();
    }

    @Test
    void requestWithInvalidTokenIsRejectedWith401() {
        String correlationId = newCorrelationId();

        Response response = given().header(CorrelationId.HEADER, correlationId)
                .header("Authorization", "Bearer not-a-jwt")
                .post("/api/chat/messages");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("error")).isEqualTo("unauthorized");
        assertThat(upstream.hasReceived(correlationId)).isFalse();
    }

    @Test
    void paymentWebhookWithoutTokenIsForwarded() {
        String correlationId = newCorrelationId();
        byte[] notification = ("{\"type\":\"notification\",  \"event\":\"payment.succeeded\",\n"
                + " \"object\":{\"id\":\"pay-123\",\"status\":\"succeeded\"}}").getBytes(StandardCharsets.UTF_8);

        Response response = given().header(CorrelationId.HEADER, correlationId)
                .header("X-Webhook-Signature", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .contentType("application/json")
                .body(notification)
                .post("/api/payments/webhook");

        assertThat(response.statusCode()).isEqualTo(200);
        ReceivedRequest received = upstream.awaitRequest(correlationId);
        assertThat(received.path()).isEqualTo("/api/payments/webhook");
        assertThat(received.body()).isEqualTo(notification);
        assertThat(received.headers().get("X-Webhook-Signature"))
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(received.headers().contains("Authorization")).isFalse();
    }

    @Test
    void otherPaymentRoutesStillNeedAToken() {
        String correlationId = newCorrelationId();

        Response response = given().header(CorrelationId.HEADER, correlationId)
                .contentType("application/json")
                .body("{\"courseId\":\"c0ffee00-0000-4000-8000-000000000001\"}")
                .post("/api/payments/invoices");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(upstream.hasReceived(correlationId)).isFalse();
    }
}
