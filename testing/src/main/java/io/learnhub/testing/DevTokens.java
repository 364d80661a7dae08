package io.learnhub.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Bearer tokens as the local identity provider issues them: RS256, signed with the committed dev
 * key pair of {@code infra/local/jwt/} (which dev and test trust, and production never does),
 * issuer {@value #ISSUER}, audience {@value #AUDIENCE}, {@code sub} = user id, {@code groups} =
 * roles. They also carry synthetic {@code email} and {@code name} claims, which no span may ever
 * show.
 *
 * <p>The malformed variants are the ones every service must refuse with 401.
 */
public final class DevTokens {

    public static final String ISSUER = "https://auth.learnhub.local/dev";
    /** The {@code aud} every service expects in dev and test (JWT_AUDIENCE of the local runs). */
    public static final String AUDIENCE = "learnhub-api";
    public static final String PRIVATE_KEY = "infra/local/jwt/privateKey.pem";

    private static final Duration LIFESPAN = Duration.ofMinutes(30);

    /** The ways a token can be one that no service may trust: each must be a 401. */
    public enum Flaw {
        EXPIRED, WRONG_ISSUER, WRONG_AUDIENCE, SIGNED_BY_ANOTHER_KEY, ALG_NONE;

        /** A student's token with this flaw and no other. */
        public String token(String userId) {
            return token(userId, "student");
        }

        /**
         * A token of the user in the given groups with this flaw and no other: with the groups an
         * operation requires, only the flaw can be the reason it is refused.
         */
        public String token(String userId, String... groups) {
            JwtClaimsBuilder claims = claims(userId, groups);
            return switch (this) {
                case EXPIRED -> expire(claims).jws().sign(devKey());
                case WRONG_ISSUER -> claims.issuer("https://issuer.example.com/not-ours").jws().sign(devKey());
                case WRONG_AUDIENCE -> claims.audience("another-api").jws().sign(devKey());
                case SIGNED_BY_ANOTHER_KEY -> claims.jws().sign(otherKey());
                case ALG_NONE -> withoutSignature(claims.jws().sign(devKey()));
            };
        }
    }
    private static volatile PrivateKey devKey;
    private static volatile PrivateKey otherKey;

    private DevTokens() {
    }

    public static String student(String userId) {
        return token(userId, "student");
    }

    public static String teacher(String userId) {
        return token(userId, "teacher");
    }

    public static String admin(String userId) {
        return token(userId, "admin");
    }

    /** A valid token of the user in the given groups. */
    public static String token(String userId, String... groups) {
        return claims(userId, groups).jws().sign(devKey());
    }

    /** Signed with the dev key, but expired an hour ago: well past any clock skew a verifier allows. */
    public static String expired(String userId) {
        return Flaw.EXPIRED.token(userId);
    }

    /** The claims of a valid token with {@code "alg":"none"} and no signature (RFC 7519 "unsecured JWT"). */
    public static String unsigned(String userId) {
        return Flaw.ALG_NONE.token(userId);
    }

    /** The claims of a signed token under a header {@code "alg":"none"}, without the signature. */
    private static String withoutSignature(String signedToken) {
        String payload = signedToken.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** Issued two hours ago, expired an hour ago. */
    private static JwtClaimsBuilder expire(JwtClaimsBuilder claims) {
        Instant now = Instant.now();
        return claims.issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minus(Duration.ofHours(1)));
    }

    /**
     * The claims of a valid token of the user in the given groups, unsigned: for a test that signs
     * with a key of its own (an issuer's JWKS) or changes a claim first.
     */
    public static JwtClaimsBuilder claims(String userId, String... groups) {
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .groups(Set.of(groups))
                .claim("email", "user-" + userId + "@test.learnhub.local")
                .claim("name", "Test user " + userId)
                // every token a new string, even two of one user in one second: services keep the
                // tokens they verified by their text (common's VerifiedTokens), and a test that
                // means a fresh token must get one
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(LIFESPAN));
    }

    private static PrivateKey devKey() {
        if (devKey == null) {
            Path pem = RepositoryRoot.resolve(PRIVATE_KEY);
            try {
                devKey = KeyUtils.decodePrivateKey(Files.readString(pem));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the dev signing key " + pem, e);
            }
        }
        return devKey;
    }

    private static PrivateKey otherKey() {
        if (otherKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                otherKey = generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot generate an RSA key", e);
            }
        }
        return otherKey;
    }
}
