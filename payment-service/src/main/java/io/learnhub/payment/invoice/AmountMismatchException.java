package io.learnhub.payment.invoice;

import java.util.UUID;

import io.learnhub.common.error.ApiException;

/** 409: the provider reports a payment whose amount or currency differs from the invoice's. */
public class AmountMismatchException extends ApiException {

    public AmountMismatchException(UUID invoiceId) {
        super(409, "amount_mismatch", "The paid amount or currency does not match invoice " + invoiceId);
    }
}
