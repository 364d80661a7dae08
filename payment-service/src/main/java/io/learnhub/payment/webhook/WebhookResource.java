package io.learnhub.payment.webhook;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The payment provider's notifications. No JWT: the provider proves itself with the HMAC
 * signature over the timestamp and the body, which is why the body is taken as raw bytes, exactly
 * as signed, and optionally by the network it sends from.
 */
@Path("/api/payments/webhook")
@Tag(name = "payment provider")
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
    @Operation(summary = "The payment provider's notification of a payment, cancellation or refund",
            description = "No bearer token: the provider signs the notification. Only `payment.succeeded`, "
                    + "`payment.canceled` and `refund.succeeded` change anything; other events are acknowledged. "
                    + "A notification applied before answers 200 with `duplicate` true.")
    @APIResponse(responseCode = "200", description = "Applied, ignored, or (`duplicate` true) applied before")
    @APIResponse(responseCode = "400", description = "`invalid_signature`, `stale_webhook`, `malformed_json` or `validation_failed`")
    @APIResponse(responseCode = "403", description = "`source_not_allowed`: not from the provider's networks")
    @APIResponse(responseCode = "404", description = "`not_found`: no such invoice, or no such refunded payment")
    @APIResponse(responseCode = "409", description = "`amount_mismatch` (not the invoice's amount) or `already_refunded`")
    public Uni<WebhookResponse> receive(
            @Parameter(required = true, description = "Unix seconds; refused further than the tolerance (5 minutes) from the server's clock")
            @HeaderParam(TIMESTAMP_HEADER) String timestamp,
            @Parameter(required = true, description = "Hex HMAC-SHA256 of `<X-Webhook-Timestamp>.<raw body>` with the shared secret")
            @HeaderParam(SIGNATURE_HEADER) String signature, @Context HttpServerRequest request,
            @RequestBody(required = true, description = "Signed byte for byte: read as sent, fields other than these ignored",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookNotification.class))) byte[] body) {
        String source = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return webhooks.process(new SignedNotification(body, timestamp, signature, source));
    }
}
