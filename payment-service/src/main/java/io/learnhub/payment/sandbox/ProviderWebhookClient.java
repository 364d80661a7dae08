package io.learnhub.payment.sandbox;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.payment.webhook.WebhookResource;
import io.learnhub.payment.webhook.WebhookResponse;
import io.smallrye.mutiny.Uni;

/**
 * The sandbox provider's side of the webhook: posts a signed notification through the gateway,
 * the way the real provider reaches the suite (quarkus.rest-client.sandbox-provider.url). Its
 * CLIENT span carries the trace context, so the webhook joins the sandbox request's trace, and
 * X-Correlation-ID its correlation id (the gateway drops a caller's baggage).
 */
@RegisterRestClient(configKey = "sandbox-provider")
@Path("/api/payments/webhook")
public interface ProviderWebhookClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<WebhookResponse>> deliver(@HeaderParam(WebhookResource.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(WebhookResource.SIGNATURE_HEADER) String signature,
            @HeaderParam(CorrelationId.HEADER) String correlationId, byte[] body);
}
