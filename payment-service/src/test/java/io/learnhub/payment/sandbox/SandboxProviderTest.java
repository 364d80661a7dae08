package io.learnhub.payment.sandbox;

import static io.learnhub.payment.tracing.PaymentSpans.PROCESS_PAYMENT_WEBHOOK;
import static io.learnhub.payment.tracing.PaymentSpans.SANDBOX_PAY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The sandbox provider (test profile; the local run's local profile): a real signed webhook over
 * HTTP, here back to the service itself. That the prod profile has no such route is shown by the
 * e2e tests, which run the packaged service in it.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SandboxProviderTest {

    private static final String PATH = "/api/payments/sandbox/pay/";

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void paysAPendingInvoiceThroughTheSignedWebhookInOneTrace() {
        String student = Fixtures.newStudent();
        UUID courseId = fixtures.course(2);
        UUID invoiceId = fixtures.pendingInvoice(student, courseId);
        TraceParent parent = TraceParent.random();

        given().auth().oauth2(DevTokens.student(student)).header("traceparent", parent.header())
                .when().post(PATH + invoiceId)
                .then().statusCode(200)
                .body("invoiceId", is(invoiceId.toString()))
                .body("paymentId", startsWith("sandbox-"))
                .body("webhookStatus", is(200))
                .body("invoiceStatus", is("PAID"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PAID");
        assertThat(fixtures.unlockedMaterials(student, courseId)).isEqualTo(2);
        TraceTree trace = ExportedSpans.awaitTrace(exporter, parent.traceId(), PROCESS_PAYMENT_WEBHOOK);
        SpanData sandbox = trace.named(SANDBOX_PAY);
        SpanData webhook = trace.named(PROCESS_PAYMENT_WEBHOOK);
        assertThat(trace.descendsFrom(webhook, sandbox)).as(trace.describe()).isTrue();
    }

    @Test
    void anInvoiceThatIsNotPendingIsAConflict() {
        String student = Fixtures.newStudent();
        UUID invoiceId = fixtures.pendingInvoice(student, fixtures.course(1));
        given().auth().oauth2(DevTokens.student(student)).when().post(PATH + invoiceId).then().statusCode(200);

        given().auth().oauth2(DevTokens.student(student))
                .when().post(PATH + invoiceId)
                .then().statusCode(409).body("error", is("invoice_not_pending"));
    }

    @Test
    void anotherStudentsInvoiceIsNotFound() {
        UUID invoiceId = fixtures.pendingInvoice(Fixtures.newStudent(), fixtures.course(1));

        given().auth().oauth2(DevTokens.student(Fixtures.newStudent()))
                .when().post(PATH + invoiceId)
                .then().statusCode(404).body("error", is("not_found"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PENDING");
    }

    @Test
    void anonymousCannotUseTheSandbox() {
        given().when().post(PATH + UUID.randomUUID()).then().statusCode(401).body("error", is("unauthorized"));
    }
}
