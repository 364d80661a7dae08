package io.learnhub.gateway.web;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.resteasy.reactive.server.EndpointDisabled;

/**
 * {@code POST /web/dev-sign-in}: a token for any user and role, for the local run's frontend and
 * tests. It exists only when {@code learnhub.gateway.web.dev-sign-in.enabled} is true (dev, test
 * and local profiles; {@link DevSignInGuard} stops a gateway that has it on elsewhere): production
 * answers 404.
 */
@Path("/web/dev-sign-in")
@PermitAll
@EndpointDisabled(name = WebConfig.DevSignIn.ENABLED, stringValue = "false", disableIfMissing = true)
public class DevSignInResource {

    private final DevSignIn devSignIn;

    DevSignInResource(DevSignIn devSignIn) {
        this.devSignIn = devSignIn;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Local run only: a token for any user and role", hidden = true)
    public DevSignInToken signIn(@Valid @NotNull DevSignInRequest request) {
        return devSignIn.signIn(request);
    }
}
