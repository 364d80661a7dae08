package io.learnhub.payment.testsupport;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.learnhub.testing.TraceParent;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Builds, signs and sends payment-provider notifications the way the provider does. */
public final class Webhooks {

    /** %test.learnhub.payment.webhook.secret */
    public static final String SECRET = "dev-webhook-secret";
    public static final String PATH = "/api/payments/webhook";

    private Webhooks() {
    }

    public static String succeeded(String paymentId, UUID invoiceId, String amount, String currency) {
        return notification("payment.succeeded", paymentId, "succeeded", invoiceId, amount, currency);
    }

    public static String canceled(String paymentId, UUID invoiceId) {
        return notification("payment.canceled", paymentId, "canceled", invoiceId, "49.00", "RUB");
    }

    public static String notification(String event, String paymentId, String status, UUID invoiceId, String amount,
            String currency) {
        return """
                {"type":"notification","event":"%s",
                 "object":{"id":"%s","status":"%s","paid":true,"amount":{"value":"%s","currency":"%s"},
                           "metadata":{"invoice_id":"%s"}}}""".formatted(event, paymentId, status, amount, currency, invoiceId);
    }

    /** Lowercase hex HMAC-SHA256 of the exact bytes sent, computed independently of the service. */
    public static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
