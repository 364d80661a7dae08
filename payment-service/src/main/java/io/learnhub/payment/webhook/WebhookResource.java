package io.learnhub.payment.webhook;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/**
 * The payment provider's notifications. No JWT: the provider proves itself with the body's HMAC
 * signature, which is why the body is taken as raw bytes, exactly as signed.
 */
@Path("/api/payments/webhook")
@PermitAll
public class WebhookResource {

    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<WebhookResponse> receive(@HeaderParam(SIGNATURE_HEADER) String signature, byte[] body) {
        return webhooks.process(body, signature);
    }
}
