package io.learnhub.common.security;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.learnhub.common.error.ErrorResponses;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The bearer token mechanism of smallrye-jwt, but its challenge (the 401 an HTTP permission sends
 * a request without a token, such as the gateway's {@code /ws/chat} upgrade) carries the error
 * body. Quarkus answers that challenge itself, outside Quarkus REST and without failing the
 * request, so neither the exception mappers nor a failure handler see it. The Quarkus guide's way
 * to customise a mechanism: an alternative that delegates to it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class BearerChallengeWithErrorBody implements HttpAuthenticationMechanism {

    private final JWTAuthMechanism delegate;

    BearerChallengeWithErrorBody(JWTAuthMechanism delegate) {
        this.delegate = delegate;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return delegate.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return delegate.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return delegate.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return delegate.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return delegate.getPriority();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return getChallenge(context).map(challenge -> {
            challenge.getHeaders().forEach((name, value) -> context.response().putHeader(name, value));
            ErrorResponses.end(context, challenge.status, "unauthorized", "A valid bearer token is required");
            return true;
        });
    }
}
