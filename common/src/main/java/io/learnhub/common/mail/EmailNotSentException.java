package io.learnhub.common.mail;

/**
 * An SMTP send that failed, as the {@code send_email} span records it: the failure's class only.
 * The SMTP server's own message may quote the recipient's address, which must not reach a span;
 * it is kept in {@link #reason()} for the email's {@code last_error} column and the log.
 */
public class EmailNotSentException extends RuntimeException {

    private final String reason;

    public EmailNotSentException(Throwable failure) {
        super("SMTP send failed: " + failure.getClass().getName(), null, false, false);
        this.reason = String.valueOf(failure);
    }

    /** What went wrong, as the mailer reported it. */
    public String reason() {
        return reason;
    }
}
