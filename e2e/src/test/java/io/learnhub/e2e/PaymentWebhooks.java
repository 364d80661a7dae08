package io.learnhub.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** YooKassa-style payment notifications, signed the way the payment provider signs them. */
final class PaymentWebhooks {

    private PaymentWebhooks() {
    }

    static byte[] succeeded(String paymentId, String invoiceId, String amount, String currency) {
        return ("{\"type\":\"notification\",\"event\":\"payment.succeeded\","
                + "\"object\":{\"id\":\"" + paymentId + "\",\"status\":\"succeeded\","
                + "\"amount\":{\"value\":\"" + amount + "\",\"currency\":\"" + currency + "\"},"
                + "\"metadata\":{\"invoice_id\":\"" + invoiceId + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code X-Webhook-Signature}: lower-case hex HMAC-SHA256 of the exact body bytes. */
    static String signature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
