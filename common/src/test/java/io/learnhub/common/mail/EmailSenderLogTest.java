package io.learnhub.common.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An SMTP server's reply may quote the recipient: the log line never does. */
class EmailSenderLogTest {

    @Test
    void addressesInAnSmtpReplyAreMaskedForTheLog() {
        String reply = "550 5.1.1 <teacher-1001@school.example>: Recipient address rejected; also cc jane.doe@x.org";

        assertThat(EmailSender.withoutAddresses(reply))
                .isEqualTo("550 5.1.1 <<address>>: Recipient address rejected; also cc <address>")
                .doesNotContain("@");
    }

    @Test
    void textWithoutAddressesIsKept() {
        String reply = "io.netty.channel.ConnectTimeoutException: connection timed out: localhost/127.0.0.1:25";

        assertThat(EmailSender.withoutAddresses(reply)).isEqualTo(reply);
    }
}
