package io.learnhub.payment.invoice;

import java.math.BigDecimal;
import java.util.UUID;

/** The provider's statement that payment {@code paymentId} of this amount was made for an invoice. */
public record PaymentNotice(String paymentId, UUID invoiceId, BigDecimal amount, String currency) {
}
