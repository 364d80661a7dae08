package io.learnhub.gateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Mints the tokens of the dev sign-in: what an issuer would give the user, signed with the
 * committed dev key, with the issuer and audience the suite verifies. Only reachable where
 * {@link DevSignInGuard} allows it.
 */
@ApplicationScoped
public class DevSignIn {

    private final WebConfig.DevSignIn config;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private volatile PrivateKey signingKey;

    DevSignIn(WebConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audiences, Clock clock) {
        this.config = config.devSignIn();
        this.issuer = issuer;
        this.audience = audiences.split(",")[0].trim();
        this.clock = clock;
    }

    public DevSignInToken signIn(DevSignInRequest request) {
        Instant now = clock.instant();
        Duration lifespan = config.tokenLifespan();
        String token = Jwt.issuer(issuer)
                .audience(audience)
                .subject(request.userId())
                .groups(Set.of(request.role()))
                .claim("email", "user" + request.userId() + "@dev.learnhub.local")
                .claim("name", "User " + request.userId())
                .issuedAt(now)
                .expiresAt(now.plus(lifespan))
                .sign(signingKey());
        return new DevSignInToken(token, lifespan.toSeconds());
    }

    /** Reads the signing key now, so that a missing or unreadable key stops the start, not the first sign-in. */
    void loadKey() {
        signingKey();
    }

    private PrivateKey signingKey() {
        if (signingKey == null) {
            String location = config.privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "The dev sign-in needs learnhub.gateway.web.dev-sign-in.private-key-location (WEB_DEV_SIGN_IN_KEY)"));
            try {
                signingKey = KeyUtils.decodePrivateKey(Files.readString(Path.of(location)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the dev sign-in key " + location, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The dev sign-in key " + location + " is not an RSA private key in PEM", e);
            }
        }
        return signingKey;
    }
}
