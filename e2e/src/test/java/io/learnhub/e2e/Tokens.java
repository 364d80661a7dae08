package io.learnhub.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Bearer tokens as the local identity provider issues them: RS256 with the dev key pair of
 * {@code infra/local/jwt/}, the dev issuer, {@code sub} = user id and {@code groups} = roles.
 */
public final class Tokens {

    public static final String ISSUER = "https://auth.learnhub.local/dev";

    private final PrivateKey privateKey;

    private Tokens(PrivateKey privateKey) {
        this.privateKey = privateKey;
    }

    public static Tokens fromPem(Path privateKeyPem) {
        try {
            return new Tokens(KeyUtils.decodePrivateKey(Files.readString(privateKeyPem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the dev signing key " + privateKeyPem, e);
        }
    }

    public String student(String userId) {
        return mint(userId, "student");
    }

    public String teacher(String userId) {
        return mint(userId, "teacher");
    }

    public String admin(String userId) {
        return mint(userId, "admin");
    }

    private String mint(String userId, String role) {
        return Jwt.claims()
                .issuer(ISSUER)
                .subject(userId)
                .groups(Set.of(role))
                // synthetic identity claims; the services must keep them out of spans
                .claim("email", "user-" + userId + "@e2e.learnhub.local")
                .claim("name", "E2E " + role + " " + userId)
                .expiresIn(Duration.ofMinutes(30))
                .jws()
                .sign(privateKey);
    }
}
