package io.learnhub.payment.webhook;

import static io.learnhub.common.tracing.SharedSpans.ERROR_TYPE;
import static io.learnhub.payment.tracing.PaymentSpans.PROCESS_PAYMENT_WEBHOOK;
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
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.TraceParent;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The provider's networks only: this test's client connects from 127.0.0.1, a trusted proxy (as
 * the gateway is), and says in X-Forwarded-For which client address it saw.
 */
@QuarkusTest
@TestProfile(WebhookAllowlistTest.ProviderNetworksOnly.class)
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookAllowlistTest {

    public static class ProviderNetworksOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("learnhub.payment.webhook.allowed-sources", "185.71.76.0/27,2a02:5180::/32");
        }
    }

    private static final String STUDENT = "2201";

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void notificationForwardedFromTheProviderNetworkIsProcessed() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));

        postFrom("185.71.76.5", succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB"), TraceParent.random())
                .statusCode(200)
                .body("status", is("PAID"));
    }

    @Test
    void notificationFromAnotherNetworkIsRefusedWithAnErrorSpan() {
        UUID courseId = fixtures.course(1);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        TraceParent parent = TraceParent.random();

        postFrom("203.0.113.7", succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB"), parent)
                .statusCode(403)
                .body("error", is("source_not_allowed"))
                .body("traceId", is(parent.traceId()));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PENDING");
        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isZero();
        assertThat(fixtures.outboxEventsFor(invoiceId.toString())).isZero();
        SpanData process = ExportedSpans.awaitTrace(exporter, parent.traceId(), PROCESS_PAYMENT_WEBHOOK).named(PROCESS_PAYMENT_WEBHOOK);
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(process.getAttributes().get(ERROR_TYPE)).isEqualTo("source_not_allowed");
    }

    @Test
    void directRequestFromOutsideTheProviderNetworksIsRefused() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));

        Webhooks.postSigned(succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB"))
                .statusCode(403)
                .body("error", is("source_not_allowed"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PENDING");
    }

    private static ValidatableResponse postFrom(String clientAddress, String body, TraceParent parent) {
        return given()
                .contentType(ContentType.JSON)
                .headers(Webhooks.sign(body))
                .header("X-Forwarded-For", clientAddress)
                .header("traceparent", parent.header())
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(Webhooks.PATH)
                .then();
    }
}
