package io.learnhub.payment.invoice;

import java.math.BigDecimal;

/** The provider's statement that refund {@code refundId} of this amount returned payment {@code paymentId}. */
public record RefundNotice(String refundId, String paymentId, BigDecimal amount, String currency) {
}
