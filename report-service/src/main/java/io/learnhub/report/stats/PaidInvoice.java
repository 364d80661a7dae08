package io.learnhub.report.stats;

import java.math.BigDecimal;
import java.time.Instant;

/** What the stats need to know about a paid invoice, whatever event reported it. */
public record PaidInvoice(String teacherId, BigDecimal amount, String currency, Instant paidAt) {
}
