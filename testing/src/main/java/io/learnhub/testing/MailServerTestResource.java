package io.learnhub.testing;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest}'s quarkus-mailer at the shared {@link MailServer} and switches the
 * mailer's mock off, so a test reads what really crossed SMTP.
 */
public class MailServerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        GreenMail server = MailServer.shared();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", server.getSmtp().getBindTo(),
                "quarkus.mailer.port", Integer.toString(server.getSmtp().getPort()));
    }

    @Override
    public void stop() {
        // the server outlives a single application start; its shutdown hook stops it
    }
}
