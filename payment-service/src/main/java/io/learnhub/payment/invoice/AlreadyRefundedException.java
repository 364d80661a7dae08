package io.learnhub.payment.invoice;

import java.util.UUID;

import io.learnhub.common.error.ApiException;

/** 409: a second, different refund for an invoice whose payment was already refunded in full. */
public class AlreadyRefundedException extends ApiException {

    public AlreadyRefundedException(UUID invoiceId) {
        super(409, "already_refunded", "Invoice " + invoiceId + " has already been refunded by another refund");
    }
}
