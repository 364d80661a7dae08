import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * Dev JWTs for the benchmark's load programs, with infra/local/token's claims and signed with the
 * same key (TOKEN_SIGNING_KEY, default infra/local/jwt/privateKey.pem from the repository root):
 * forking openssl for hundreds of users would take longer than a run.
 */
final class DevTokens {

    private static final String ISSUER = "https://auth.learnhub.local/dev";
    private static final String AUDIENCE = "learnhub-api";
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;

    private DevTokens(PrivateKey key) {
        this.key = key;
    }

    static DevTokens load() throws IOException, GeneralSecurityException {
        Path pem = Path.of(System.getenv().getOrDefault("TOKEN_SIGNING_KEY", "infra/local/jwt/privateKey.pem"));
        if (!Files.isReadable(pem)) {
            throw new SetupFailure("no signing key at " + pem.toAbsolutePath()
                    + ": run from the repository root or set TOKEN_SIGNING_KEY to the dev private key (PKCS#8 PEM)");
        }
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return new DevTokens(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))));
    }

    String mint(String userId, String role) {
        long now = Instant.now().getEpochSecond();
        String claims = String.format(Locale.ROOT,
                "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"%s\",\"upn\":\"%s\",\"groups\":[\"%s\"],"
                        + "\"email\":\"user%s@dev.learnhub.local\",\"name\":\"Bench %s\",\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}",
                ISSUER, AUDIENCE, userId, userId, role, userId, userId, now, now + LIFETIME.toSeconds(), UUID.randomUUID());
        String signingInput = base64url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64url(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
