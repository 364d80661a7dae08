package io.learnhub.common.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies bearer tokens with Quarkus' MP-JWT validator, and when it rejects one, fails with an
 * {@link AuthenticationFailedException} that says why in a word and carries nothing of the token.
 *
 * <p>The validator's own failure quotes the token's claims (email, name) or the whole token in
 * its cause chain, and Quarkus' REST instrumentation records every exception of a request, stack
 * trace and causes included, on the server span: a rejected token would put personal data and a
 * credential into the trace. Running first (a higher priority than the validator), this provider
 * hands the validator's verdict on with the cause left out.
 *
 * <p>A token it has accepted before, and that has not expired since, is not verified again: its
 * claims come from {@link VerifiedTokens}, and the request's identity is built from them as the
 * validator builds it (principal, token, groups as roles, the request's routing context).
 */
@ApplicationScoped
public class BearerTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final MpJwtValidator validator;
    private final VerifiedTokens verifiedTokens;

    public BearerTokenIdentityProvider(MpJwtValidator validator, VerifiedTokens verifiedTokens) {
        this.validator = validator;
        this.verifiedTokens = verifiedTokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        // the validator answers no identity (null) for any other kind of token: the next provider's
        if (!(request.getToken() instanceof JsonWebTokenCredential)) {
            return validator.authenticate(request, context);
        }
        String token = request.getToken().getToken();
        Optional<JsonWebToken> verified = verifiedTokens.find(token);
        if (verified.isPresent()) {
            return Uni.createFrom().item(identityOf(verified.get(), request));
        }
        return validator.authenticate(request, context)
                .invoke(identity -> {
                    if (identity != null) {
                        verifiedTokens.remember(token, identity);
                    }
                })
                .onFailure(AuthenticationFailedException.class)
                .transform(failure -> new AuthenticationFailedException("The bearer token was rejected: " + reason(failure)));
    }

    private static SecurityIdentity identityOf(JsonWebToken claims, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(claims)
                .addCredential(request.getToken())
                .addRoles(claims.getGroups())
                .addAttribute(SecurityIdentity.USER_ATTRIBUTE, claims);
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null) {
            identity.addAttribute(RoutingContext.class.getName(), routingContext);
        }
        return identity.build();
    }

    /** Above every provider Quarkus registers, the MP-JWT validator included. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    /** Why, in words that quote nothing of the token. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                if (invalid.hasExpired()) {
                    return "expired";
                }
                if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                    return "signature not valid for a trusted key";
                }
                if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return "not issued by the trusted issuer";
                }
                if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                    return "not meant for this audience";
                }
                return "claims not valid";
            }
        }
        return "not a verifiable JWT";
    }
}
