package io.learnhub.payment.sandbox;

import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_ID;
import static io.learnhub.payment.tracing.PaymentSpans.SANDBOX_PAY;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.security.Caller;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.payment.invoice.InvoiceService;
import io.learnhub.payment.invoice.InvoiceStatus;
import io.learnhub.payment.webhook.SignatureVerifier;
import io.learnhub.payment.webhook.WebhookNotification;
import io.smallrye.mutiny.Uni;

/**
 * A stand-in for the payment provider in the local run: for a pending invoice it makes up a
 * successful payment, signs the notification exactly as the provider does (current key, current
 * time) and sends it through the gateway, so the demo exercises the real webhook path end to end
 * without a provider account or an HMAC computed in a shell.
 */
@ApplicationScoped
public class SandboxProvider {

    private final InvoiceService invoices;
    private final SignatureVerifier signatures;
    private final ObjectMapper objectMapper;
    private final ProviderWebhookClient provider;
    private final ReactiveSpans spans;
    private final Clock clock;

    public SandboxProvider(InvoiceService invoices, SignatureVerifier signatures, ObjectMapper objectMapper,
            @RestClient ProviderWebhookClient provider, ReactiveSpans spans, Clock clock) {
        this.invoices = invoices;
        this.signatures = signatures;
        this.objectMapper = objectMapper;
        this.provider = provider;
        this.spans = spans;
        this.clock = clock;
    }

    /** Pays the invoice, visible to the caller (its student or an admin), through the webhook. */
    public Uni<SandboxPayment> pay(UUID invoiceId, Caller caller) {
        return spans.inSpan(SANDBOX_PAY, span -> invoices.findVisibleTo(invoiceId, caller).chain(invoice -> {
            span.setAttribute(SharedSpans.INVOICE_ID, invoiceId.toString());
            if (invoice.status() != InvoiceStatus.PENDING) {
                return Uni.createFrom().failure(new InvoiceNotPendingException(invoiceId, invoice.status().name()));
            }
            String paymentId = "sandbox-" + UUID.randomUUID();
            span.setAttribute(PAYMENT_ID, paymentId);
            byte[] body = notification(paymentId, invoiceId, invoice.amount().value(), invoice.amount().currency());
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            return provider.deliver(timestamp, signatures.sign(timestamp, body), CorrelationId.current().orElse(null), body)
                    .map(response -> new SandboxPayment(invoiceId, paymentId, response.getStatus(),
                            response.getEntity() == null ? null : response.getEntity().status()))
                    .onFailure(WebApplicationException.class).recoverWithItem(refused -> new SandboxPayment(invoiceId,
                            paymentId, ((WebApplicationException) refused).getResponse().getStatus(), invoice.status().name()));
        }));
    }

    private byte[] notification(String paymentId, UUID invoiceId, String amount, String currency) {
        Map<String, Object> notification = Map.of(
                "type", "notification",
                "event", WebhookNotification.PAYMENT_SUCCEEDED,
                "object", Map.of(
                        "id", paymentId,
                        "status", "succeeded",
                        "paid", true,
                        "amount", Map.of("value", amount, "currency", currency),
                        "metadata", Map.of("invoice_id", invoiceId.toString())));
        try {
            return objectMapper.writeValueAsBytes(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a sandbox notification", e);
        }
    }
}
