package io.learnhub.payment.sandbox;

import java.util.UUID;

/** What the sandbox did: the payment it made up, the webhook's HTTP status and the invoice's status after it. */
public record SandboxPayment(UUID invoiceId, String paymentId, int webhookStatus, String invoiceStatus) {
}
