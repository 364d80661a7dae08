package io.learnhub.payment.webhook;

import static io.learnhub.testing.PaymentNotifications.succeeded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.Webhooks;
import io.learnhub.testing.MailServerTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * X-Forwarded-For is believed only from a trusted proxy: here the only one is 192.0.2.1, so this
 * test's client (127.0.0.1) cannot claim a provider address by sending the header itself.
 */
@QuarkusTest
@TestProfile(WebhookForgedSourceTest.UntrustedLoopback.class)
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookForgedSourceTest {

    public static class UntrustedLoopback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "learnhub.payment.webhook.allowed-sources", "185.71.76.0/27",
                    "quarkus.http.proxy.trusted-proxies", "192.0.2.1");
        }
    }

    @Inject
    Fixtures fixtures;

    @Test
    void forgedForwardedForFromAnUntrustedPeerIsIgnored() {
        UUID invoiceId = fixtures.pendingInvoice("2202", fixtures.course(1));
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");

        given().contentType(ContentType.JSON)
                .headers(Webhooks.sign(body))
                .header("X-Forwarded-For", "185.71.76.5")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(Webhooks.PATH)
                .then().statusCode(403).body("error", is("source_not_allowed"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PENDING");
    }
}
