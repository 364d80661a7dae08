package io.learnhub.payment.sandbox;

import java.util.UUID;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.learnhub.common.security.Caller;
import io.quarkus.resteasy.reactive.server.EndpointDisabled;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The sandbox payment provider, for the local run and tests only: it exists when
 * {@code learnhub.payment.sandbox.enabled} is true, which only the dev, test and local profiles
 * set; the prod profile pins it false, so a production deployment answers 404, and
 * {@link SandboxGuard} stops a service that has it on in any other profile.
 */
@Path("/api/payments/sandbox")
@Authenticated
@EndpointDisabled(name = "learnhub.payment.sandbox.enabled", stringValue = "false", disableIfMissing = true)
public class SandboxResource {

    private final SandboxProvider sandbox;
    private final JsonWebToken caller;

    public SandboxResource(SandboxProvider sandbox, JsonWebToken caller) {
        this.sandbox = sandbox;
        this.caller = caller;
    }

    /** Pays the caller's pending invoice through the real webhook, signed as the provider signs. */
    @POST
    @Path("pay/{invoiceId}")
    public Uni<SandboxPayment> pay(@PathParam("invoiceId") UUID invoiceId) {
        return sandbox.pay(invoiceId, Caller.of(caller));
    }
}
