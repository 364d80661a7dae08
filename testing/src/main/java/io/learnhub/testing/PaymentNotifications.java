package io.learnhub.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payment provider's side of the webhook: YooKassa-style notifications, and the signature the
 * provider puts on them, computed here independently of payment-service's own verifier.
 */
public final class PaymentNotifications {

    private static final String HMAC_SHA256 = "HmacSHA256";

    private PaymentNotifications() {
    }

    public static String succeeded(String paymentId, Object invoiceId, String amount, String currency) {
        return notification("payment.succeeded", paymentId, "succeeded", invoiceId, amount, currency);
    }

    public static String canceled(String paymentId, Object invoiceId) {
        return notification("payment.canceled", paymentId, "canceled", invoiceId, "49.00", "RUB");
    }

    /** A notification of any event; fields this service does not read ({@code type}, {@code paid}) included. */
    public static String notification(String event, String paymentId, String status, Object invoiceId, String amount,
            String currency) {
        return """
                {"type":"notification","event":"%s",
                 "object":{"id":"%s","status":"%s","paid":true,"amount":{"value":"%s","currency":"%s"},
                           "metadata":{"invoice_id":"%s"}}}""".formatted(event, paymentId, status, amount, currency, invoiceId);
    }

    /** {@code X-Webhook-Signature}: lower-case hex HMAC-SHA256 of the exact bytes sent, under the shared secret. */
    public static String signature(String body, String secret) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
