package io.learnhub.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class VerifiedTokensTest {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final long NOW_SECONDS = 1_800_000_000L;

    /** Caffeine's clock (nanoseconds) and the wall clock, moved together. */
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong wallMillis = new AtomicLong(NOW_SECONDS * 1000);

    private VerifiedTokens verifiedTokens(long maxSize) {
        return new VerifiedTokens(maxSize, SKEW, nanos::get, wallMillis::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
        wallMillis.addAndGet(duration.toMillis());
    }

    @Test
    void aVerifiedTokenIsFoundWithItsClaimsUntilItsExpiryPlusTheSkew() {
        VerifiedTokens tokens = verifiedTokens(10);
        JsonWebToken claims = claims("2001", NOW_SECONDS + 60);
        tokens.remember("token-a", identity(claims));

        assertThat(tokens.find("token-a")).containsSame(claims);
        advance(Duration.ofSeconds(60 + 29));
        assertThat(tokens.find("token-a")).containsSame(claims);
        advance(Duration.ofSeconds(2));
        assertThat(tokens.find("token-a")).isEmpty();
    }

    @Test
    void onlyTheExactTokenIsFound() {
        VerifiedTokens tokens = verifiedTokens(10);
        tokens.remember("header.payload.signature", identity(claims("2001", NOW_SECONDS + 60)));

        assertThat(tokens.find("header.payload.signaturf")).isEmpty();
        assertThat(tokens.find("header.payload.signature ")).isEmpty();
    }

    @Test
    void aTokenAlreadyPastItsExpiryAndSkewIsNotKept() {
        VerifiedTokens tokens = verifiedTokens(10);
        tokens.remember("token-old", identity(claims("2001", NOW_SECONDS - 31)));

        assertThat(tokens.find("token-old")).isEmpty();
    }

    @Test
    void aTokenExpiringBeyondWhatALongHoldsIsKeptAndOneWithoutExpIsNot() {
        VerifiedTokens tokens = verifiedTokens(10);
        tokens.remember("token-far", identity(claims("2001", Long.MAX_VALUE / 10)));
        tokens.remember("token-no-exp", identity(claims("2002", null)));

        assertThat(tokens.find("token-far")).isPresent();
        assertThat(tokens.find("token-no-exp")).isEmpty();
    }

    @Test
    void anIdentityThatIsNoJwtIsNotKept() {
        VerifiedTokens tokens = verifiedTokens(10);
        tokens.remember("token-b", QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("2001")).build());

        assertThat(tokens.find("token-b")).isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theCacheHoldsAtMostMaxSizeTokensAndNoneWithMaxSizeZero() {
        VerifiedTokens bounded = verifiedTokens(100);
        for (int i = 0; i < 1000; i++) {
            bounded.remember("token-" + i, identity(claims("user-" + i, NOW_SECONDS + 3600)));
        }
        assertThat(bounded.size()).isLessThanOrEqualTo(100);

        VerifiedTokens none = verifiedTokens(0);
        none.remember("token-c", identity(claims("2001", NOW_SECONDS + 60)));
        assertThat(none.find("token-c")).isEmpty();
    }

    private static SecurityIdentity identity(JsonWebToken claims) {
        return QuarkusSecurityIdentity.builder().setPrincipal(claims).build();
    }

    private static JsonWebToken claims(String subject, Long expiresAtSeconds) {
        Map<String, Object> claims = new HashMap<>(Map.of("sub", subject));
        if (expiresAtSeconds != null) {
            claims.put("exp", expiresAtSeconds);
        }
        return new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
