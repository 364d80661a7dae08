package io.learnhub.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payment provider's side of the webhook: YooKassa-style notifications, and the headers the
 * provider signs them with, computed here independently of payment-service's own verifier.
 */
public final class PaymentNotifications {

    public static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";

    private static final String HMAC_SHA256 = "HmacSHA256";

    private PaymentNotifications() {
    }

    public static String succeeded(String paymentId, Object invoiceId, String amount, String currency) {
        return notification("payment.succeeded", paymentId, "succeeded", invoiceId, amount, currency);
    }

    public static String canceled(String paymentId, Object invoiceId) {
        return notification("payment.canceled", paymentId, "canceled", invoiceId, "49.00", "RUB");
    }

    /** A notification of any payment event; fields the service does not read ({@code type}, {@code paid}) included. */
    public static String notification(String event, String paymentId, String status, Object invoiceId, String amount,
            String currency) {
        return """
                {"type":"notification","event":"%s",
                 "object":{"id":"%s","status":"%s","paid":true,"amount":{"value":"%s","currency":"%s"},
                           "metadata":{"invoice_id":"%s"}}}""".formatted(event, paymentId, status, amount, currency, invoiceId);
    }

    /** {@code refund.succeeded}: refund {@code refundId} of the provider's payment {@code paymentId}. */
    public static String refundSucceeded(String refundId, String paymentId, String amount, String currency) {
        return """
                {"type":"notification","event":"refund.succeeded",
                 "object":{"id":"%s","payment_id":"%s","status":"succeeded","amount":{"value":"%s","currency":"%s"}}}"""
                .formatted(refundId, paymentId, amount, currency);
    }

    /** The two headers the provider sends with {@code body}, signed under {@code secret} at {@code at}. */
    public static Map<String, String> signedHeaders(String body, String secret, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        return Map.of(TIMESTAMP_HEADER, timestamp, SIGNATURE_HEADER, signature(timestamp, body, secret));
    }

    /** The headers for {@code body} signed now. */
    public static Map<String, String> signedHeaders(String body, String secret) {
        return signedHeaders(body, secret, Instant.now());
    }

    /**
     * {@code X-Webhook-Signature}: lower-case hex HMAC-SHA256 of {@code <timestamp>.<body>}, the
     * timestamp exactly as sent in {@code X-Webhook-Timestamp} and the body's exact bytes.
     */
    public static String signature(String timestamp, String body, String secret) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
