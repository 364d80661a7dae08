package io.learnhub.payment.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount as JSON: {@code {"value":"49.00","currency":"RUB"}}, the value a decimal string. */
public record MoneyView(String value, String currency) {

    public static MoneyView of(BigDecimal amount, String currency) {
        return new MoneyView(plain(amount), currency);
    }

    /** Two decimals, no exponent: the form used on the wire and in events. */
    public static String plain(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
