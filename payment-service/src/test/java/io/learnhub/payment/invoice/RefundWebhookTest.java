package io.learnhub.payment.invoice;

import static io.learnhub.common.tracing.SharedSpans.ERROR_TYPE;
import static io.learnhub.payment.tracing.PaymentSpans.LOCK_MATERIALS;
import static io.learnhub.payment.tracing.PaymentSpans.MATERIALS_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.PROCESS_PAYMENT_WEBHOOK;
import static io.learnhub.payment.tracing.PaymentSpans.REFUND_ID;
import static io.learnhub.payment.tracing.PaymentSpans.UPDATE_INVOICE;
import static io.learnhub.payment.tracing.PaymentSpans.WEBHOOK_DUPLICATE;
import static io.learnhub.testing.PaymentNotifications.refundSucceeded;
import static io.learnhub.testing.PaymentNotifications.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

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
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** refund.succeeded: the invoice refunded, the course locked again, payments.refunded.v1 published; or a documented 4xx. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RefundWebhookTest {

    private static final String STUDENT = "2301";

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void refundOfAPaidInvoiceRefundsItLocksTheMaterialsAgainAndIsPublished() throws Exception {
        UUID courseId = fixtures.course(3);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        String paymentId = Webhooks.pay(invoiceId);
        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isEqualTo(3);
        String refundId = "refund-" + UUID.randomUUID();
        TraceParent parent = TraceParent.random();
        String body = refundSucceeded(refundId, paymentId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body), parent, "refund-" + refundId)
                .statusCode(200)
                .body("invoiceId", is(invoiceId.toString()))
                .body("status", is("REFUNDED"))
                .body("duplicate", is(false));

        Fixtures.InvoiceRow invoice = fixtures.invoice(invoiceId);
        assertThat(invoice.status()).isEqualTo("REFUNDED");
        assertThat(invoice.providerRefundId()).isEqualTo(refundId);
        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isZero();

        ConsumerRecord<String, String> record = kafka.awaitOnlyRecord(Topics.INVOICE_REFUNDED, invoiceId.toString());
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertThat(event.get("type").asText()).isEqualTo("payments.refunded.v1");
        JsonNode data = event.get("data");
        assertThat(data.get("invoiceId").asText()).isEqualTo(invoiceId.toString());
        assertThat(data.get("refundId").asText()).isEqualTo(refundId);
        assertThat(data.get("paymentId").asText()).isEqualTo(paymentId);
        assertThat(data.get("studentId").asText()).isEqualTo(STUDENT);
        assertThat(data.get("courseId").asText()).isEqualTo(courseId.toString());
        assertThat(data.get("teacherId").asText()).isEqualTo(Fixtures.TEACHER);
        assertThat(data.get("amount").asText()).isEqualTo("49.00");
        assertThat(data.get("currency").asText()).isEqualTo("RUB");
        assertThat(TestKafka.header(record, "traceparent")).startsWith("00-" + parent.traceId() + "-");

        TraceTree trace = ExportedSpans.awaitTrace(exporter, parent.traceId(), LOCK_MATERIALS);
        SpanData update = trace.named(UPDATE_INVOICE);
        SpanData lock = trace.named(LOCK_MATERIALS);
        assertThat(update.getAttributes().get(REFUND_ID)).isEqualTo(refundId);
        assertThat(lock.getParentSpanId()).isEqualTo(update.getSpanId());
        assertThat(lock.getAttributes().get(MATERIALS_COUNT)).isEqualTo(3L);
    }

    @Test
    void sameRefundDeliveredAgainIsADuplicate() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));
        String body = refundSucceeded("refund-" + UUID.randomUUID(), Webhooks.pay(invoiceId), "49.00", "RUB");
        Webhooks.postSigned(body).statusCode(200).body("status", is("REFUNDED"));
        TraceParent again = TraceParent.random();

        Webhooks.post(body, Webhooks.sign(body), again, "again-1").statusCode(200)
                .body("status", is("REFUNDED"))
                .body("duplicate", is(true));

        assertThat(ExportedSpans.awaitTrace(exporter, again.traceId(), PROCESS_PAYMENT_WEBHOOK).named(PROCESS_PAYMENT_WEBHOOK)
                .getAttributes().get(WEBHOOK_DUPLICATE)).isTrue();
        kafka.awaitOnlyRecord(Topics.INVOICE_REFUNDED, invoiceId.toString());
    }

    @Test
    void refundOfAnUnknownPaymentIsNotFoundWithAnErrorSpan() {
        TraceParent parent = TraceParent.random();
        String body = refundSucceeded("refund-" + UUID.randomUUID(), "pay-unknown-" + UUID.randomUUID(), "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body), parent, "unknown-payment")
                .statusCode(404)
                .body("error", is("not_found"))
                .body("traceId", is(parent.traceId()));

        SpanData update = ExportedSpans.awaitTrace(exporter, parent.traceId(), UPDATE_INVOICE).named(UPDATE_INVOICE);
        assertThat(update.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(update.getAttributes().get(ERROR_TYPE)).isEqualTo("not_found");
    }

    @Test
    void partialRefundIsRefusedAndChangesNothing() {
        UUID courseId = fixtures.course(2);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        String paymentId = Webhooks.pay(invoiceId);

        Webhooks.postSigned(refundSucceeded("refund-" + UUID.randomUUID(), paymentId, "10.00", "RUB"))
                .statusCode(409)
                .body("error", is("amount_mismatch"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PAID");
        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isEqualTo(2);
        assertThat(kafka.recordsWithKey(Topics.INVOICE_REFUNDED, invoiceId.toString())).isEmpty();
    }

    @Test
    void refundWithoutThePaymentIdFailsValidation() {
        String body = """
                {"event":"refund.succeeded","object":{"id":"refund-1","status":"succeeded",
                 "amount":{"value":"49.00","currency":"RUB"}}}""";

        Webhooks.postSigned(body).statusCode(400).body("error", is("validation_failed"));
    }

    @Test
    void materialsPaidForByAnotherInvoiceStayUnlocked() {
        UUID courseId = fixtures.course(2);
        UUID first = fixtures.pendingInvoice(STUDENT, courseId);
        UUID second = fixtures.pendingInvoice(STUDENT, courseId);
        String firstPayment = Webhooks.pay(first);
        Webhooks.pay(second);

        Webhooks.postSigned(refundSucceeded("refund-" + UUID.randomUUID(), firstPayment, "49.00", "RUB"))
                .statusCode(200).body("status", is("REFUNDED"));

        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isEqualTo(2);
    }
}
