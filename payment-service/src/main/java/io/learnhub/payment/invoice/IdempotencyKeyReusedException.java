package io.learnhub.payment.invoice;

import io.learnhub.common.error.ApiException;

/** 409: an Idempotency-Key sent again with a different request; nothing was created. */
public class IdempotencyKeyReusedException extends ApiException {

    public IdempotencyKeyReusedException() {
        super(409, "idempotency_key_reused",
                "This Idempotency-Key was used with a different request; use a new key for a new invoice");
    }
}
