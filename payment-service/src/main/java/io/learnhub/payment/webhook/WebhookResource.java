package io.learnhub.payment.webhook;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The payment provider's notifications. No JWT: the provider proves itself with the HMAC
 * signature over the timestamp and the body, which is why the body is taken as raw bytes, exactly
 * as signed, and optionally by the network it sends from.
 */
@Path("/api/payments/webhook")
@PermitAll
public class WebhookResource {

    public static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** {@code request}'s remote address is the client's as the gateway saw it (X-Forwarded-For from a trusted proxy). */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<WebhookResponse> receive(@HeaderParam(TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SIGNATURE_HEADER) String signature, @Context HttpServerRequest request, byte[] body) {
        String source = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return webhooks.process(new SignedNotification(body, timestamp, signature, source));
    }
}
