package io.learnhub.payment.sandbox;

import java.util.UUID;

import io.learnhub.common.error.ApiException;

/** 409: the sandbox pays only pending invoices. */
public class InvoiceNotPendingException extends ApiException {

    public InvoiceNotPendingException(UUID invoiceId, String status) {
        super(409, "invoice_not_pending", "Invoice " + invoiceId + " is " + status + ", not PENDING");
    }
}
