package io.learnhub.gateway.routing;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The gateway's public API: every {@code /api/**} request is forwarded to the service owning its
 * prefix (see {@link UpstreamRoutes}). A valid JWT is required everywhere except on the payment
 * provider's webhook, whose signature payment-service checks. The body is taken as raw bytes so
 * that it reaches the service byte for byte. Limits, rate limits and forwarding are
 * {@link ForwardingService}'s.
 */
@Path("/api")
@Authenticated
public class ProxyResource {

    private static final byte[] NO_BODY = new byte[0];

    private final ForwardingService forwarding;

    ProxyResource(ForwardingService forwarding) {
        this.forwarding = forwarding;
    }

    @POST
    @Path("payments/webhook")
    @PermitAll
    public Uni<Response> paymentWebhook(@Context HttpServerRequest request, byte[] body) {
        return forwarding.forwardWebhook(request, body);
    }

    /** Also serves HEAD. A GET body has no defined meaning (RFC 9110 §9.3.1) and is not read or forwarded. */
    @GET
    @Path("{route: .*}")
    public Uni<Response> get(@Context HttpServerRequest request, @Context SecurityContext caller) {
        return forwarding.forward(request, NO_BODY, userId(caller));
    }

    @POST
    @Path("{route: .*}")
    public Uni<Response> post(@Context HttpServerRequest request, @Context SecurityContext caller, byte[] body) {
        return forwarding.forward(request, body, userId(caller));
    }

    @PUT
    @Path("{route: .*}")
    public Uni<Response> put(@Context HttpServerRequest request, @Context SecurityContext caller, byte[] body) {
        return forwarding.forward(request, body, userId(caller));
    }

    @PATCH
    @Path("{route: .*}")
    public Uni<Response> patch(@Context HttpServerRequest request, @Context SecurityContext caller, byte[] body) {
        return forwarding.forward(request, body, userId(caller));
    }

    @DELETE
    @Path("{route: .*}")
    public Uni<Response> delete(@Context HttpServerRequest request, @Context SecurityContext caller, byte[] body) {
        return forwarding.forward(request, body, userId(caller));
    }

    /** The JWT {@code sub}, as every service names the caller (the principal's name may be another claim). */
    private static String userId(SecurityContext caller) {
        return ((JsonWebToken) caller.getUserPrincipal()).getSubject();
    }
}
