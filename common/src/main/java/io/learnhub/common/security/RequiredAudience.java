package io.learnhub.common.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/**
 * Makes the audience as required as the issuer and the key source. smallrye-jwt reads
 * {@code mp.jwt.verify.audiences} as optional: left without a value (JWT_AUDIENCE unset in
 * production), it would accept tokens issued for any audience. This injection point fails the
 * start instead, in the same list as a missing issuer or key.
 */
@Startup
@ApplicationScoped
public class RequiredAudience {

    private final Set<String> audiences;

    public RequiredAudience(@ConfigProperty(name = "mp.jwt.verify.audiences") Set<String> audiences) {
        this.audiences = Set.copyOf(audiences);
    }

    /** The audiences a token's {@code aud} must name one of. */
    public Set<String> audiences() {
        return audiences;
    }
}
