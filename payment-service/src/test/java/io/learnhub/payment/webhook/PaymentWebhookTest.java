package io.learnhub.payment.webhook;

import static io.learnhub.payment.testsupport.Webhooks.postSigned;
import static io.learnhub.testing.PaymentNotifications.canceled;
import static io.learnhub.testing.PaymentNotifications.notification;
import static io.learnhub.testing.PaymentNotifications.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.event.Topics;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PaymentWebhookTest {

    private static final String STUDENT = "2001";

    @Inject
    Fixtures fixtures;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void signedSucceededWebhookPaysInvoiceAndUnlocksCourseMaterials() {
        UUID courseId = fixtures.course(3);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        String paymentId = "pay-" + UUID.randomUUID();

        postSigned(succeeded(paymentId, invoiceId, "49.00", "RUB"))
                .statusCode(200)
                .body("invoiceId", is(invoiceId.toString()))
                .body("status", is("PAID"));

        Fixtures.InvoiceRow invoice = fixtures.invoice(invoiceId);
        assertThat(invoice.status()).isEqualTo("PAID");
        assertThat(invoice.providerPaymentId()).isEqualTo(paymentId);
        assertThat(invoice.paidAt()).isNotNull();
        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isEqualTo(3);
    }

    @Test
    void paidInvoicePublishesInvoicePaidEventCarryingTraceAndCorrelation() throws Exception {
        UUID courseId = fixtures.course(3);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        String paymentId = "pay-" + UUID.randomUUID();
        TraceParent parent = TraceParent.random();
        String correlationId = "corr-" + UUID.randomUUID();
        String body = succeeded(paymentId, invoiceId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body), parent, correlationId).statusCode(200);

        ConsumerRecord<String, String> record = awaitInvoicePaid(invoiceId);
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertThat(UUID.fromString(event.get("eventId").asText())).isNotNull();
        assertThat(event.get("type").asText()).isEqualTo("payments.invoice-paid.v1");
        assertThat(event.get("occurredAt").isTextual()).isTrue();
        assertThat(event.get("correlationId").asText()).isEqualTo(correlationId);
        JsonNode data = event.get("data");
        assertThat(data.get("invoiceId").asText()).isEqualTo(invoiceId.toString());
        assertThat(data.get("paymentId").asText()).isEqualTo(paymentId);
        assertThat(data.get("studentId").asText()).isEqualTo(STUDENT);
        assertThat(data.get("courseId").asText()).isEqualTo(courseId.toString());
        assertThat(data.get("teacherId").asText()).isEqualTo(Fixtures.TEACHER);
        assertThat(data.get("amount").asText()).isEqualTo("49.00");
        assertThat(data.get("currency").asText()).isEqualTo("RUB");
        assertThat(data.get("courseTitle").asText()).isEqualTo("Course " + courseId);
        assertThat(data.get("paidAt").isTextual()).isTrue();
        assertThat(TestKafka.header(record, "traceparent")).startsWith("00-" + parent.traceId() + "-");
        assertThat(TestKafka.header(record, "X-Correlation-ID")).isEqualTo(correlationId);
        assertThat(TestKafka.header(record, "baggage")).contains("correlation_id=" + correlationId);
    }

    @Test
    void repeatedWebhookIsAcknowledgedWithoutSecondEvent() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(3));
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");

        postSigned(body).statusCode(200).body("status", is("PAID"));
        postSigned(body).statusCode(200).body("status", is("PAID"));

        awaitInvoicePaid(invoiceId);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> kafka.recordsWithKey(Topics.INVOICE_PAID, invoiceId.toString()).size() == 1);
        assertThat(fixtures.outboxEventsFor(invoiceId.toString())).isEqualTo(1);
    }

    @Test
    void paymentOfAnotherAmountIsRejectedAndChangesNothing() {
        UUID courseId = fixtures.course(3);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);

        postSigned(succeeded("pay-" + UUID.randomUUID(), invoiceId, "1.00", "RUB"))
                .statusCode(409)
                .body("error", is("amount_mismatch"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PENDING");
        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isZero();
        assertThat(fixtures.outboxEventsFor(invoiceId.toString())).isZero();
    }

    @Test
    void paymentInAnotherCurrencyIsRejected() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));

        postSigned(succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "USD"))
                .statusCode(409)
                .body("error", is("amount_mismatch"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PENDING");
    }

    @Test
    void paymentForUnknownInvoiceIsNotFound() {
        postSigned(succeeded("pay-" + UUID.randomUUID(), UUID.randomUUID(), "49.00", "RUB"))
                .statusCode(404)
                .body("error", is("not_found"));
    }

    @Test
    void canceledPaymentCancelsPendingInvoice() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));

        postSigned(canceled("pay-" + UUID.randomUUID(), invoiceId))
                .statusCode(200)
                .body("invoiceId", is(invoiceId.toString()))
                .body("status", is("CANCELED"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("CANCELED");
    }

    @Test
    void canceledPaymentLeavesPaidInvoicePaid() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));
        String paymentId = "pay-" + UUID.randomUUID();
        postSigned(succeeded(paymentId, invoiceId, "49.00", "RUB")).statusCode(200);

        postSigned(canceled(paymentId, invoiceId)).statusCode(200).body("status", is("PAID"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PAID");
    }

    @Test
    void unhandledEventIsAcknowledgedAndIgnored() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));

        postSigned(notification("payment.waiting_for_capture", "pay-" + UUID.randomUUID(), "waiting_for_capture", invoiceId,
                "49.00", "RUB"))
                .statusCode(200)
                .body("invoiceId", nullValue())
                .body("status", is("IGNORED"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PENDING");
    }

    @Test
    void signedBodyThatIsNotJsonIsMalformed() {
        postSigned("{\"event\":").statusCode(400).body("error", is("malformed_json"));
    }

    @Test
    void notificationWithoutInvoiceIdFailsValidation() {
        String body = """
                {"event":"payment.succeeded","object":{"id":"pay-1","status":"succeeded",
                 "amount":{"value":"49.00","currency":"RUB"},"metadata":{}}}""";

        postSigned(body).statusCode(400).body("error", is("validation_failed"));
    }

    private ConsumerRecord<String, String> awaitInvoicePaid(UUID invoiceId) {
        return kafka.awaitOnlyRecord(Topics.INVOICE_PAID, invoiceId.toString());
    }
}
