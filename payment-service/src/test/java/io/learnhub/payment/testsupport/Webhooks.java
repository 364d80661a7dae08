package io.learnhub.payment.testsupport;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.learnhub.testing.PaymentNotifications;
import io.learnhub.testing.TraceParent;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Sends payment-provider notifications to the service under test, signed with its %test secret. */
public final class Webhooks {

    /** %test.learnhub.payment.webhook.secret */
    public static final String SECRET = "dev-webhook-secret";
    public static final String PATH = "/api/payments/webhook";

    private Webhooks() {
    }

    /** The signature the provider puts on this body under the test secret. */
    public static String sign(String body) {
        return PaymentNotifications.signature(body, SECRET);
    }

    public static ValidatableResponse post(String body, String signature, TraceParent parent, String correlationId) {
        return given()
                .contentType(ContentType.JSON)
                .header("X-Webhook-Signature", signature)
                .header("traceparent", parent.header())
                .header("X-Correlation-ID", correlationId)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(PATH)
                .then();
    }

    public static ValidatableResponse postSigned(String body) {
        return post(body, sign(body), TraceParent.random(), "test-" + UUID.randomUUID());
    }
}
