package io.learnhub.payment.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks {@code X-Webhook-Signature}: the lowercase hex HMAC-SHA256 of the raw request body under
 * the shared webhook secret. The comparison takes the same time wherever the strings differ, so
 * the signature cannot be guessed byte by byte from response times.
 */
@Singleton
public class SignatureVerifier {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    @Inject
    public SignatureVerifier(@ConfigProperty(name = "learnhub.payment.webhook.secret") String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("learnhub.payment.webhook.secret (PAYMENT_WEBHOOK_SECRET) must not be blank");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public boolean isValid(byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The signature a sender with the same secret puts on this body. */
    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
