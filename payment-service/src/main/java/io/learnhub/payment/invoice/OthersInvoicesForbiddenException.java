package io.learnhub.payment.invoice;

import io.learnhub.common.error.ApiException;

/** 403: a caller other than an admin asked for another student's invoices. */
public class OthersInvoicesForbiddenException extends ApiException {

    public OthersInvoicesForbiddenException() {
        super(403, "forbidden", "Only an admin may list another student's invoices");
    }
}
