package io.learnhub.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.learnhub.payment.webhook.SignatureVerifier.Verdict;

class SignatureVerifierTest {

    private static final String TIMESTAMP = "1700000000";
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1_700_000_000L);
    private static final byte[] BODY = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    // computed independently: printf '%s' '1700000000.The quick brown fox jumps over the lazy dog' | openssl dgst -sha256 -hmac key
    private static final String SIGNATURE = "2f658d6aef4f246e91cd741bbcded7479e9605f9d41c9e248122a117e0e1765b";
    // the same under -hmac old-key
    private static final String SIGNATURE_WITH_OLD_KEY = "020640d7714c33e5b24f4b9298331bf184faa5cd79468f59456123e695ab5ed4";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final SignatureVerifier verifier = verifierAt(SIGNED_AT);

    private static SignatureVerifier verifierAt(Instant now) {
        return new SignatureVerifier("key", "old-key", TOLERANCE, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void signsTimestampDotBodyAsLowercaseHexHmacSha256() {
        assertThat(verifier.sign(TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsSignatureOfTheExactTimestampAndBody() {
        assertThat(verifier.verify(BODY, TIMESTAMP, SIGNATURE)).isEqualTo(Verdict.VALID_CURRENT_KEY);
    }

    @Test
    void acceptsTheKeyBeingRotatedOut() {
        assertThat(verifier.verify(BODY, TIMESTAMP, SIGNATURE_WITH_OLD_KEY)).isEqualTo(Verdict.VALID_PREVIOUS_KEY);
    }

    @Test
    void rejectsTheOldKeyOnceTheRotationIsOver() {
        SignatureVerifier afterRotation = new SignatureVerifier("key", null, TOLERANCE, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        assertThat(afterRotation.verify(BODY, TIMESTAMP, SIGNATURE_WITH_OLD_KEY)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void rejectsSignatureOfAnotherBody() {
        byte[] tampered = "The quick brown fox jumps over the lazy cat".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(tampered, TIMESTAMP, SIGNATURE)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void rejectsAnotherTimestampUnderTheSameSignature() {
        // a replayer cannot freshen a captured request: the timestamp is signed
        assertThat(verifierAt(SIGNED_AT.plusSeconds(3600)).verify(BODY, "1700003600", SIGNATURE)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void rejectsSignatureMadeWithAnotherSecret() {
        String forged = new SignatureVerifier("another-key", null, TOLERANCE, Clock.systemUTC()).sign(TIMESTAMP, BODY);
        assertThat(verifier.verify(BODY, TIMESTAMP, forged)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void rejectsMissingOrMalformedHeaders() {
        assertThat(verifier.verify(BODY, TIMESTAMP, null)).isEqualTo(Verdict.INVALID);
        assertThat(verifier.verify(BODY, null, SIGNATURE)).isEqualTo(Verdict.INVALID);
        assertThat(verifier.verify(BODY, TIMESTAMP, "")).isEqualTo(Verdict.INVALID);
        assertThat(verifier.verify(BODY, "17e8", SIGNATURE)).isEqualTo(Verdict.INVALID);
        assertThat(verifier.verify(BODY, "-1700000000", SIGNATURE)).isEqualTo(Verdict.INVALID);
        assertThat(verifier.verify(BODY, TIMESTAMP, SIGNATURE.toUpperCase())).isEqualTo(Verdict.INVALID);
        assertThat(verifier.verify(BODY, TIMESTAMP, SIGNATURE.substring(0, 63))).isEqualTo(Verdict.INVALID);
    }

    @Test
    void acceptsTimestampsWithinTheToleranceEitherWay() {
        assertThat(verifierAt(SIGNED_AT.plus(TOLERANCE)).verify(BODY, TIMESTAMP, SIGNATURE)).isEqualTo(Verdict.VALID_CURRENT_KEY);
        assertThat(verifierAt(SIGNED_AT.minus(TOLERANCE)).verify(BODY, TIMESTAMP, SIGNATURE)).isEqualTo(Verdict.VALID_CURRENT_KEY);
    }

    @Test
    void refusesAnExpiredSignatureAsStale() {
        assertThat(verifierAt(SIGNED_AT.plus(TOLERANCE).plusSeconds(1)).verify(BODY, TIMESTAMP, SIGNATURE)).isEqualTo(Verdict.STALE);
    }

    @Test
    void refusesASignatureFromTheFutureAsStale() {
        assertThat(verifierAt(SIGNED_AT.minus(TOLERANCE).minusSeconds(1)).verify(BODY, TIMESTAMP, SIGNATURE)).isEqualTo(Verdict.STALE);
    }

    @Test
    void refusesBlankSecret() {
        assertThatThrownBy(() -> new SignatureVerifier(" ", null, TOLERANCE, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
