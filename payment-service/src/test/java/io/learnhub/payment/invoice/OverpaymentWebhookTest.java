package io.learnhub.payment.invoice;

import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_OVERPAID;
import static io.learnhub.payment.tracing.PaymentSpans.UPDATE_INVOICE;
import static io.learnhub.testing.PaymentNotifications.refundSucceeded;
import static io.learnhub.testing.PaymentNotifications.succeeded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.event.Topics;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.Webhooks;
import io.learnhub.testing.Concurrently;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.PrometheusText;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A second successful payment for a settled invoice: kept, flagged, published, counted; refundable by an operator. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OverpaymentWebhookTest {

    private static final String STUDENT = "2401";
    private static final String OVERPAID_COUNTER = "learnhub_payments_overpaid_total";

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void secondPaymentIsRecordedFlaggedPublishedAndCounted() throws Exception {
        UUID courseId = fixtures.course(2);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        String firstPayment = Webhooks.pay(invoiceId);
        String secondPayment = "pay-" + UUID.randomUUID();
        double overpaidBefore = overpaidCount();
        TraceParent parent = TraceParent.random();
        String body = succeeded(secondPayment, invoiceId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body), parent, "overpaid-" + secondPayment)
                .statusCode(200)
                .body("status", is("PAID"))
                .body("duplicate", is(false));

        Fixtures.InvoiceRow invoice = fixtures.invoice(invoiceId);
        assertThat(invoice.providerPaymentId()).isEqualTo(firstPayment);
        assertThat(invoice.overpaid()).isTrue();
        assertThat(fixtures.overpayments(invoiceId)).containsOnlyKeys(secondPayment);
        assertThat(overpaidCount()).isEqualTo(overpaidBefore + 1);

        ConsumerRecord<String, String> record = kafka.awaitOnlyRecord(Topics.INVOICE_OVERPAID, invoiceId.toString());
        JsonNode data = new ObjectMapper().readTree(record.value()).get("data");
        assertThat(data.get("paymentId").asText()).isEqualTo(secondPayment);
        assertThat(data.get("settledByPaymentId").asText()).isEqualTo(firstPayment);
        assertThat(data.get("studentId").asText()).isEqualTo(STUDENT);
        assertThat(data.get("amount").asText()).isEqualTo("49.00");
        assertThat(TestKafka.header(record, "traceparent")).startsWith("00-" + parent.traceId() + "-");
        // still one invoice-paid event: the course was not sold twice
        assertThat(kafka.recordsWithKey(Topics.INVOICE_PAID, invoiceId.toString())).hasSize(1);

        SpanData update = ExportedSpans.awaitTrace(exporter, parent.traceId(), UPDATE_INVOICE).named(UPDATE_INVOICE);
        assertThat(update.getAttributes().get(PAYMENT_OVERPAID)).isTrue();
        assertThat(update.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    }

    @Test
    void sameOverpaymentDeliveredAgainIsADuplicate() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));
        Webhooks.pay(invoiceId);
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");
        Webhooks.postSigned(body).statusCode(200).body("duplicate", is(false));
        double overpaidBefore = overpaidCount();

        Webhooks.postSigned(body).statusCode(200).body("duplicate", is(true));

        assertThat(overpaidCount()).isEqualTo(overpaidBefore);
        assertThat(fixtures.overpayments(invoiceId)).hasSize(1);
        kafka.awaitOnlyRecord(Topics.INVOICE_OVERPAID, invoiceId.toString());
    }

    @Test
    void refundOfTheOverpaymentLeavesTheInvoicePaidAndTheCourseOpen() {
        UUID courseId = fixtures.course(2);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        Webhooks.pay(invoiceId);
        String secondPayment = Webhooks.pay(invoiceId);
        String refundId = "refund-" + UUID.randomUUID();

        Webhooks.postSigned(refundSucceeded(refundId, secondPayment, "49.00", "RUB"))
                .statusCode(200)
                .body("status", is("PAID"));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PAID");
        assertThat(fixtures.overpayments(invoiceId)).containsEntry(secondPayment, refundId);
        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isEqualTo(2);
        assertThat(kafka.recordsWithKey(Topics.INVOICE_REFUNDED, invoiceId.toString())).isEmpty();
    }

    @Test
    void partialRefundOfTheOverpaymentIsRefusedAndLeavesItOwed() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));
        Webhooks.pay(invoiceId);
        String secondPayment = Webhooks.pay(invoiceId);

        Webhooks.postSigned(refundSucceeded("refund-" + UUID.randomUUID(), secondPayment, "10.00", "RUB"))
                .statusCode(409)
                .body("error", is("amount_mismatch"));

        assertThat(fixtures.overpayments(invoiceId)).containsEntry(secondPayment, null);
    }

    @Test
    void twoDifferentPaymentsAtOnceSettleTheInvoiceOnceAndRecordTheOtherAsAnOverpayment() throws Exception {
        UUID courseId = fixtures.course(2);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        List<String> payments = List.of("pay-" + UUID.randomUUID(), "pay-" + UUID.randomUUID());

        AtomicInteger next = new AtomicInteger();

        List<Integer> statuses = Concurrently.run(2, () -> Webhooks.postSigned(
                succeeded(payments.get(next.getAndIncrement()), invoiceId, "49.00", "RUB")).extract().statusCode());

        assertThat(statuses).containsOnly(200);
        Fixtures.InvoiceRow invoice = fixtures.invoice(invoiceId);
        assertThat(invoice.status()).isEqualTo("PAID");
        assertThat(payments).contains(invoice.providerPaymentId());
        assertThat(fixtures.overpayments(invoiceId).keySet())
                .containsExactly(payments.stream().filter(id -> !id.equals(invoice.providerPaymentId())).findFirst().orElseThrow());
        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isEqualTo(2);
        kafka.awaitOnlyRecord(Topics.INVOICE_PAID, invoiceId.toString());
        kafka.awaitOnlyRecord(Topics.INVOICE_OVERPAID, invoiceId.toString());
    }

    private static double overpaidCount() {
        return PrometheusText.sum(given().when().get("/q/metrics").then().statusCode(200).extract().asString(), OVERPAID_COUNTER);
    }
}
