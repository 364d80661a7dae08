package io.learnhub.payment.webhook;

import io.learnhub.common.error.ApiException;

/** 403: the notification came from an address outside the provider's configured networks. */
public class SourceNotAllowedException extends ApiException {

    public SourceNotAllowedException() {
        super(403, "source_not_allowed", "Payment notifications are accepted only from the provider's networks");
    }
}
