package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.support.InjectJwksServer;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.JwksServer;
import io.learnhub.gateway.support.JwksServerResource;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Production's key source: the issuer's JWKS, fetched over HTTP, with the shared configuration's
 * audience, clock skew and refresh settings. The issuer rotates its key while the gateway runs.
 */
@QuarkusTest
@TestProfile(JwksVerificationTest.IssuerJwks.class)
class JwksVerificationTest {

    /** The one gateway of these tests: keys from a JWKS server, requests to a recording upstream. */
    public static class IssuerJwks implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(JwksServerResource.class),
                    new TestResourceEntry(RecordingUpstreamResource.class));
        }
    }

    /** mp.jwt.verify.clock.skew of the shared configuration. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    @InjectJwksServer
    JwksServer jwks;

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    @Test
    void tokenSignedWithThePublishedKeyIsAccepted() {
        String correlationId = newCorrelationId();

        assertThat(status(jwks.current().sign(claims()), correlationId)).isEqualTo(200);
        assertThat(upstream.awaitRequest(correlationId)).isNotNull();
    }

    @Test
    void keyTheIssuerRotatedToIsAcceptedWithoutARestart() {
        JwksServer.SigningKey retired = jwks.current();
        assertThat(status(retired.sign(claims()), newCorrelationId())).isEqualTo(200);
        int fetchesBefore = jwks.fetches();

        JwksServer.SigningKey next = jwks.rotate();
        String correlationId = newCorrelationId();

        assertThat(status(next.sign(claims()), correlationId)).as("token of kid %s", next.kid()).isEqualTo(200);
        assertThat(upstream.awaitRequest(correlationId)).isNotNull();
        assertThat(jwks.fetches()).as("JWKS fetched again for the unknown kid").isGreaterThan(fetchesBefore);
        assertThat(status(retired.sign(claims()), newCorrelationId())).as("token of the retired kid %s", retired.kid())
                .isEqualTo(401);
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        String correlationId = newCorrelationId();

        assertThat(status(jwks.current().sign(claims().audience("another-api")), correlationId)).isEqualTo(401);
        assertThat(upstream.hasReceived(correlationId)).isFalse();
    }

    @Test
    void tokenWithoutAudienceIsRefused() {
        String correlationId = newCorrelationId();

        assertThat(status(jwks.current().sign(claims().remove("aud")), correlationId)).isEqualTo(401);
        assertThat(upstream.hasReceived(correlationId)).isFalse();
    }

    @Test
    void tokenExpiredSecondsAgoIsAcceptedWithinTheClockSkew() {
        String correlationId = newCorrelationId();

        assertThat(status(jwks.current().sign(expiredAgo(Duration.ofSeconds(5))), correlationId)).isEqualTo(200);
        assertThat(upstream.awaitRequest(correlationId)).isNotNull();
    }

    /** 50 s: beyond the 30 s allowance, though inside smallrye-jwt's default of 60 s, so the configured skew is the one applied. */
    @Test
    void tokenExpiredBeyondTheClockSkewIsRefused() {
        String correlationId = newCorrelationId();
        Duration ago = CLOCK_SKEW.plusSeconds(20);

        assertThat(status(jwks.current().sign(expiredAgo(ago)), correlationId)).isEqualTo(401);
        assertThat(upstream.hasReceived(correlationId)).isFalse();
    }

    private static JwtClaimsBuilder claims() {
        return DevTokens.claims("2001", "student");
    }

    private static JwtClaimsBuilder expiredAgo(Duration ago) {
        Instant now = Instant.now();
        return claims().issuedAt(now.minus(Duration.ofMinutes(10))).expiresAt(now.minus(ago));
    }

    private static int status(String token, String correlationId) {
        Response response = given().header(CorrelationId.HEADER, correlationId)
                .header("Authorization", "Bearer " + token)
                .get("/api/chat/rooms");
        if (response.statusCode() == 401) {
            assertThat(response.jsonPath().getString("error")).isEqualTo("unauthorized");
        }
        return response.statusCode();
    }

    private static String newCorrelationId() {
        return "jwks-" + UUID.randomUUID();
    }
}
