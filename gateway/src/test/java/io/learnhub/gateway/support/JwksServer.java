package io.learnhub.gateway.support;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A real HTTP server standing in for an OIDC issuer's JWKS endpoint ({@value #PATH}). It publishes
 * one RS256 key at a time, first the key with {@code kid} "a"; {@link #rotate()} replaces it with a
 * new key under the next kid ("b", "c", ...), as an issuer does when it rotates its signing key.
 * Tests sign with the key it publishes now, so they pass whichever test rotated first.
 */
public final class JwksServer {

    public static final String PATH = "/protocol/openid-connect/certs";

    private final Vertx vertx;
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile SigningKey current;

    /** A key pair and the {@code kid} it is published under. */
    public record SigningKey(String kid, KeyPair pair) {

        /** A token with these claims, signed with this key and naming its {@code kid}. */
        public String sign(JwtClaimsBuilder claims) {
            return claims.jws().keyId(kid).sign(pair.getPrivate());
        }
    }

    private JwksServer(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.current = newKey("a");
        this.server = vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static JwksServer start() throws Exception {
        return new JwksServer(Vertx.vertx());
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + PATH;
    }

    public void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The key published now. */
    public SigningKey current() {
        return current;
    }

    /** Publishes a new key under the next kid instead of the current one, and returns it. */
    public SigningKey rotate() {
        current = newKey(String.valueOf((char) (current.kid().charAt(0) + 1)));
        return current;
    }

    /** How many times the JWKS was fetched. */
    public int fetches() {
        return fetches.get();
    }

    private void handle(HttpServerRequest request) {
        if (!PATH.equals(request.path())) {
            request.response().setStatusCode(404).end();
            return;
        }
        fetches.incrementAndGet();
        // no Cache-Control: the verifier's own refresh settings decide when it fetches again
        request.response().putHeader("Content-Type", "application/json").end(jwks(current));
    }

    private static String jwks(SigningKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key.pair().getPublic());
        jwk.setKeyId(key.kid());
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static SigningKey newKey(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new SigningKey(kid, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }
}
