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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The gateway's public API: every {@code /api/**} request is forwarded to the service owning its
 * prefix (see {@link UpstreamRoutes}). A valid JWT is required everywhere except on the payment
 * provider's webhook, whose signature payment-service checks. The body is taken as raw bytes so
 * that it reaches the service byte for byte.
 */
@Path("/api")
@Authenticated
@Tag(name = "gateway", description = "Reverse proxy to chat-, payment- and report-service")
public class ProxyResource {

    private static final byte[] NO_BODY = new byte[0];

    private final UpstreamProxy proxy;

    ProxyResource(UpstreamProxy proxy) {
        this.proxy = proxy;
    }

    @POST
    @Path("payments/webhook")
    @PermitAll
    @Operation(summary = "Payment provider notification, forwarded without a JWT (payment-service verifies X-Webhook-Signature)")
    public Uni<Response> paymentWebhook(@Context HttpServerRequest request, byte[] body) {
        return proxy.forward(request, body);
    }

    /** Also serves HEAD. A GET body has no defined meaning (RFC 9110 §9.3.1) and is not read or forwarded. */
    @GET
    @Path("{route: .*}")
    @Operation(summary = "Forwarded to the service owning the path's prefix")
    public Uni<Response> get(@Context HttpServerRequest request) {
        return proxy.forward(request, NO_BODY);
    }

    @POST
    @Path("{route: .*}")
    @Operation(summary = "Forwarded to the service owning the path's prefix")
    public Uni<Response> post(@Context HttpServerRequest request, byte[] body) {
        return proxy.forward(request, body);
    }

    @PUT
    @Path("{route: .*}")
    @Operation(summary = "Forwarded to the service owning the path's prefix")
    public Uni<Response> put(@Context HttpServerRequest request, byte[] body) {
        return proxy.forward(request, body);
    }

    @PATCH
    @Path("{route: .*}")
    @Operation(summary = "Forwarded to the service owning the path's prefix")
    public Uni<Response> patch(@Context HttpServerRequest request, byte[] body) {
        return proxy.forward(request, body);
    }

    @DELETE
    @Path("{route: .*}")
    @Operation(summary = "Forwarded to the service owning the path's prefix")
    public Uni<Response> delete(@Context HttpServerRequest request, byte[] body) {
        return proxy.forward(request, body);
    }
}
