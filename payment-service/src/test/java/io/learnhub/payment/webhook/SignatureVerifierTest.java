package io.learnhub.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    // RFC 4231-style well-known vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog")
    private static final byte[] BODY = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

    private final SignatureVerifier verifier = new SignatureVerifier("key");

    @Test
    void signsBodyAsLowercaseHexHmacSha256() {
        assertThat(verifier.sign(BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsSignatureOfTheExactBody() {
        assertThat(verifier.isValid(BODY, SIGNATURE)).isTrue();
    }

    @Test
    void rejectsSignatureOfAnotherBody() {
        byte[] tampered = "The quick brown fox jumps over the lazy cat".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.isValid(tampered, SIGNATURE)).isFalse();
    }

    @Test
    void rejectsSignatureMadeWithAnotherSecret() {
        String forged = new SignatureVerifier("another-key").sign(BODY);
        assertThat(verifier.isValid(BODY, forged)).isFalse();
    }

    @Test
    void rejectsMissingSignature() {
        assertThat(verifier.isValid(BODY, null)).isFalse();
    }

    @Test
    void rejectsEmptySignature() {
        assertThat(verifier.isValid(BODY, "")).isFalse();
    }

    @Test
    void rejectsUppercaseHex() {
        assertThat(verifier.isValid(BODY, SIGNATURE.toUpperCase())).isFalse();
    }

    @Test
    void rejectsTruncatedSignature() {
        assertThat(verifier.isValid(BODY, SIGNATURE.substring(0, 63))).isFalse();
    }

    @Test
    void refusesBlankSecret() {
        assertThatThrownBy(() -> new SignatureVerifier(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
