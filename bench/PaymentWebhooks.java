import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A student's invoice for the demo course and the provider's signed payment.succeeded webhook that
 * pays it, both through the gateway, as the load programs send them (WebhookLatency, Soak).
 */
final class PaymentWebhooks {

    /** docs/contracts.md, "Demo data": Distributed Tracing 101, taught by 1001 (user1001@dev.learnhub.local). */
    static final String DEMO_COURSE_ID = "c0ffee00-0000-4000-8000-000000000001";
    private static final String WEBHOOK_SECRET = System.getenv().getOrDefault("PAYMENT_WEBHOOK_SECRET", "dev-webhook-secret");
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern INVOICE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern AMOUNT = Pattern.compile(
            "\"amount\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*\"([0-9.]+)\"\\s*,\\s*\"currency\"\\s*:\\s*\"([A-Z]{3})\"");

    private PaymentWebhooks() {
    }

    /** An invoice as the webhook needs it. */
    record Invoice(String id, String amount, String currency) {
    }

    /** POST /api/payments/invoices for the demo course, as the student whose token this is. */
    static HttpRequest invoiceRequest(String gateway, String studentToken, String correlationId) {
        return HttpRequest.newBuilder(URI.create(gateway + "/api/payments/invoices"))
                .timeout(HTTP_TIMEOUT)
                .header("Authorization", "Bearer " + studentToken)
                .header("Content-Type", "application/json")
                .header("X-Correlation-ID", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"courseId\":\"" + DEMO_COURSE_ID + "\"}"))
                .build();
    }

    /** The invoice in a 201 answer's body; null when the body has no id or amount. */
    static Invoice invoice(String body) {
        Matcher id = INVOICE_ID.matcher(body);
        Matcher amount = AMOUNT.matcher(body);
        return id.find() && amount.find() ? new Invoice(id.group(1), amount.group(1), amount.group(2)) : null;
    }

    /**
     * POST /api/payments/webhook: payment.succeeded as the provider sends it (SandboxProvider#notification,
     * the invoice in metadata), signed now.
     */
    static HttpRequest webhookRequest(String gateway, Invoice invoice, String correlationId) {
        byte[] body = ("{\"type\":\"notification\",\"event\":\"payment.succeeded\",\"object\":{"
                + "\"id\":\"webhook-bench-" + UUID.randomUUID() + "\",\"status\":\"succeeded\",\"paid\":true,"
                + "\"amount\":{\"value\":\"" + invoice.amount() + "\",\"currency\":\"" + invoice.currency() + "\"},"
                + "\"metadata\":{\"invoice_id\":\"" + invoice.id() + "\"}}}").getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(URI.create(gateway + "/api/payments/webhook"))
                .timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Webhook-Timestamp", timestamp)
                .header("X-Webhook-Signature", sign(timestamp, body))
                .header("X-Correlation-ID", correlationId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** X-Webhook-Signature: lowercase hex HMAC-SHA256 of "<timestamp>.<raw body>" (payment-service's SignatureVerifier). */
    private static String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
