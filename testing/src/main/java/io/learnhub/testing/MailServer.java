package io.learnhub.testing;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * A real SMTP server (GreenMail) for the services' emails: one per test JVM, on a free port,
 * started on first use and stopped when the JVM exits, so every test class shares it, like the
 * Kafka broker. {@code @QuarkusTest}s get it through {@link MailServerTestResource}; e2e hands its
 * address to the service processes.
 */
public final class MailServer {

    private static GreenMail shared;

    private MailServer() {
    }

    public static synchronized GreenMail shared() {
        if (shared == null) {
            ServerSetup smtp = ServerSetupTest.SMTP.dynamicPort();
            GreenMail server = new GreenMail(smtp);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mail-server-shutdown"));
            shared = server;
        }
        return shared;
    }

    /** Every message received so far, in order of arrival. */
    public static List<MimeMessage> received() {
        return Arrays.asList(shared().getReceivedMessages());
    }

    /** The messages received so far for {@code address}. */
    public static List<MimeMessage> receivedBy(String address) {
        return received().stream().filter(message -> isAddressedTo(message, address)).toList();
    }

    /** The message's text body. */
    public static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }

    private static boolean isAddressedTo(MimeMessage message, String address) {
        try {
            var recipients = message.getRecipients(Message.RecipientType.TO);
            return recipients != null && Arrays.stream(recipients).anyMatch(to -> to.toString().contains(address));
        } catch (MessagingException e) {
            throw new IllegalStateException("Unreadable message recipients", e);
        }
    }
}
