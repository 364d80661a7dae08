package io.learnhub.payment.testsupport;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.learnhub.testing.PaymentNotifications;
import io.learnhub.testing.TraceParent;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Sends payment-provider notifications to the service under test, signed with its %test secrets. */
public final class Webhooks {

    /** %test.learnhub.payment.webhook.secret */
    public static final String SECRET = "dev-webhook-secret";
    /** %test.learnhub.payment.webhook.previous-secret: the key being rotated out. */
    public static final String PREVIOUS_SECRET = "dev-previous-webhook-secret";
    public static final String PATH = "/api/payments/webhook";

    private Webhooks() {
    }

    /** The headers the provider sends with this body, signed now under the test secret. */
    public static Map<String, String> sign(String body) {
        return PaymentNotifications.signedHeaders(body, SECRET);
    }

    /** The headers the provider sends with this body, signed at {@code at} under {@code secret}. */
    public static Map<String, String> sign(String body, String secret, Instant at) {
        return PaymentNotifications.signedHeaders(body, secret, at);
    }

    public static ValidatableResponse post(String body, Map<String, String> signatureHeaders, TraceParent parent,
            String correlationId) {
        return given()
                .contentType(ContentType.JSON)
                .headers(signatureHeaders)
                .header("traceparent", parent.header())
                .header("X-Correlation-ID", correlationId)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(PATH)
                .then();
    }

    public static ValidatableResponse post(String body, Map<String, String> signatureHeaders) {
        return post(body, signatureHeaders, TraceParent.random(), "test-" + UUID.randomUUID());
    }

    public static ValidatableResponse postSigned(String body) {
        return post(body, sign(body));
    }

    /** Pays the pending invoice (49.00 RUB) with a new payment; that payment's id. */
    public static String pay(UUID invoiceId) {
        String paymentId = "pay-" + UUID.randomUUID();
        postSigned(PaymentNotifications.succeeded(paymentId, invoiceId, "49.00", "RUB")).statusCode(200);
        return paymentId;
    }
}
