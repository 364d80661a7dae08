package io.learnhub.payment.webhook;

import io.learnhub.common.error.ApiException;

/** 400: the webhook's signature is missing or does not match its body; nothing was changed. */
public class InvalidSignatureException extends ApiException {

    public InvalidSignatureException() {
        super(400, "invalid_signature", "The X-Webhook-Signature header does not match the request body");
    }
}
