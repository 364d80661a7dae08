package io.learnhub.payment.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Checks a notification's signature: {@code X-Webhook-Signature} is the lowercase hex
 * HMAC-SHA256 of {@code <X-Webhook-Timestamp>.<raw body>}. Because the timestamp is signed, a
 * captured request cannot be replayed once it is older than the tolerance, nor given a fresh
 * timestamp. Every configured key is tried, each comparison taking the same time wherever the
 * strings differ, so neither the signature nor which key matched can be learned from response times.
 */
@Singleton
public class SignatureVerifier {

    /** What a signature check found. */
    public enum Verdict {
        /** Signed with the current key, within the tolerance. */
        VALID_CURRENT_KEY,
        /** Signed with the key being rotated out, within the tolerance. */
        VALID_PREVIOUS_KEY,
        /** Missing, malformed or not signed with any configured key. */
        INVALID,
        /** Correctly signed, but its timestamp is outside the tolerance: possibly a replay. */
        STALE;

        public boolean isValid() {
            return this == VALID_CURRENT_KEY || this == VALID_PREVIOUS_KEY;
        }
    }

    private static final String ALGORITHM = "HmacSHA256";
    /** Unix seconds: ten digits until the year 2286; more would not be a real timestamp. */
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,11}");

    private final SecretKeySpec currentKey;
    private final SecretKeySpec previousKey;
    private final Duration tolerance;
    private final Clock clock;

    @Inject
    public SignatureVerifier(WebhookConfig config, Clock clock) {
        this(config.secret(), config.previousSecret().orElse(null), config.tolerance(), clock);
    }

    public SignatureVerifier(String secret, String previousSecret, Duration tolerance, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("learnhub.payment.webhook.secret (PAYMENT_WEBHOOK_SECRET) must not be blank");
        }
        this.currentKey = key(secret);
        this.previousKey = previousSecret == null || previousSecret.isBlank() ? null : key(previousSecret);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public Verdict verify(byte[] body, String timestamp, String signature) {
        if (timestamp == null || signature == null || !TIMESTAMP.matcher(timestamp).matches()) {
            return Verdict.INVALID;
        }
        byte[] presented = signature.getBytes(StandardCharsets.US_ASCII);
        boolean current = MessageDigest.isEqual(hmac(currentKey, timestamp, body), presented);
        // computed whether or not the current key matched: the time taken does not tell which key did
        boolean previous = previousKey != null && MessageDigest.isEqual(hmac(previousKey, timestamp, body), presented);
        if (!current && !previous) {
            return Verdict.INVALID;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Duration skew = Duration.between(signedAt, clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            return Verdict.STALE;
        }
        return current ? Verdict.VALID_CURRENT_KEY : Verdict.VALID_PREVIOUS_KEY;
    }

    /** The signature a sender holding the current key puts on this body at this timestamp. */
    public String sign(String timestamp, byte[] body) {
        return new String(hmac(currentKey, timestamp, body), StandardCharsets.US_ASCII);
    }

    public Duration tolerance() {
        return tolerance;
    }

    private static byte[] hmac(SecretKeySpec key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }
}
