package io.learnhub.common.security;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The bearer tokens this replica has verified, each kept with its parsed claims until it expires, so
 * that a client's next requests with the same token skip the RS256 signature check and the claims'
 * parsing (a fifth of a service's CPU on a cheap route when every request verifies).
 *
 * <p>The key is the whole token, signature included: a token changed in any byte is another key,
 * verified afresh. An entry lives until the token's {@code exp} plus the clock skew the verifier
 * allows ({@code mp.jwt.verify.clock.skew}), the very moment the verifier would start refusing it,
 * and the cache holds at most {@code learnhub.security.verified-tokens.max-size} tokens (0: none
 * kept, every request verifies). Only accepted tokens are kept; a rejected one is verified, and
 * rejected, each time. A signing key withdrawn from the issuer's JWKS stops new tokens at once, and
 * the tokens it signed that this replica had already verified at their expiry, as a cache of the
 * JWKS itself would.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final Cache<String, JsonWebToken> tokens;

    @Inject
    VerifiedTokens(@ConfigProperty(name = "learnhub.security.verified-tokens.max-size") long maxSize,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long clockSkewSeconds) {
        this(maxSize, Duration.ofSeconds(clockSkewSeconds), Ticker.systemTicker(), System::currentTimeMillis);
    }

    /** With the clock the entries' lifetimes are computed from, and Caffeine's own clock. */
    VerifiedTokens(long maxSize, Duration clockSkew, Ticker ticker, WallClock wallClock) {
        this.tokens = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new UntilTokenExpires(clockSkew, wallClock))
                .ticker(ticker)
                // evictions happen in the calling thread, at once: no task per request on a pool
                .executor(Runnable::run)
                .build();
    }

    /** The claims verified earlier for exactly this token, if it has not expired since. */
    public Optional<JsonWebToken> find(String token) {
        return Optional.ofNullable(tokens.getIfPresent(token));
    }

    /** Keeps the claims of an identity the verifier has just accepted for this token. */
    public void remember(String token, SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken claims) {
            tokens.put(token, claims);
        }
    }

    /** How many tokens are kept now (after expired ones are dropped). */
    public long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    /** Milliseconds since the epoch; the system clock in production. */
    @FunctionalInterface
    interface WallClock {
        long millis();
    }

    /** An entry lives until its token's {@code exp} plus the skew, from when it is remembered. */
    private record UntilTokenExpires(Duration clockSkew, WallClock wallClock) implements Expiry<String, JsonWebToken> {

        @Override
        public long expireAfterCreate(String token, JsonWebToken claims, long currentTime) {
            Object exp = claims.getClaim(Claims.exp.name());
            if (!(exp instanceof Number expSeconds)) {
                return 0;
            }
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, expiresAtMillis(expSeconds.longValue()) - wallClock.millis()));
        }

        /** {@code exp} plus the skew, in milliseconds; an {@code exp} beyond what a long holds is "never". */
        private long expiresAtMillis(long expSeconds) {
            try {
                return Math.addExact(Math.multiplyExact(expSeconds, 1000), clockSkew.toMillis());
            } catch (ArithmeticException beyondTheEndOfTime) {
                return Long.MAX_VALUE;
            }
        }

        @Override
        public long expireAfterUpdate(String token, JsonWebToken claims, long currentTime, long currentDuration) {
            return expireAfterCreate(token, claims, currentTime);
        }

        @Override
        public long expireAfterRead(String token, JsonWebToken claims, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
