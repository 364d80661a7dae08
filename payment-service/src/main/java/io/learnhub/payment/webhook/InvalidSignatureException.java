package io.learnhub.payment.webhook;

import io.learnhub.common.error.ApiException;

/** 400: the webhook's signature or timestamp is missing or does not match its body; nothing was changed. */
public class InvalidSignatureException extends ApiException {

    public InvalidSignatureException() {
        super(400, "invalid_signature",
                "X-Webhook-Signature does not match X-Webhook-Timestamp and the request body, or either header is missing");
    }
}
