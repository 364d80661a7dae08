package io.learnhub.gateway.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one {@link JwksServer} and makes it the gateway's key source, as production's
 * JWT_JWKS_URL does: every other identity setting (issuer, audience, clock skew, refresh
 * intervals) stays the shared configuration's.
 */
public class JwksServerResource implements QuarkusTestResourceLifecycleManager {

    private JwksServer jwks;

    @Override
    public Map<String, String> start() {
        try {
            jwks = JwksServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the JWKS server", e);
        }
        return Map.of("mp.jwt.verify.publickey.location", jwks.url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(jwks,
                new TestInjector.AnnotatedAndMatchesType(InjectJwksServer.class, JwksServer.class));
    }

    @Override
    public void stop() {
        if (jwks != null) {
            try {
                jwks.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop the JWKS server", e);
            }
        }
    }
}
