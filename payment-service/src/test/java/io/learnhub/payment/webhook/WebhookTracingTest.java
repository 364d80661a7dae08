package io.learnhub.payment.webhook;

import static io.learnhub.common.tracing.SharedSpans.CORRELATION_ID;
import static io.learnhub.common.tracing.SharedSpans.INVOICE_ID;
import static io.learnhub.payment.tracing.PaymentSpans.MATERIALS_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.PARSE_WEBHOOK;
import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_ID;
import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_STATUS;
import static io.learnhub.payment.tracing.PaymentSpans.PROCESS_PAYMENT_WEBHOOK;
import static io.learnhub.payment.tracing.PaymentSpans.QUEUE_HOOKS;
import static io.learnhub.payment.tracing.PaymentSpans.UNLOCK_MATERIALS;
import static io.learnhub.payment.tracing.PaymentSpans.UPDATE_INVOICE;
import static io.learnhub.payment.tracing.PaymentSpans.VALID;
import static io.learnhub.payment.tracing.PaymentSpans.VERIFY_SIGNATURE;
import static io.learnhub.payment.tracing.PaymentSpans.WEBHOOK_SOURCE;
import static io.learnhub.testing.PaymentNotifications.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.learnhub.common.event.Topics;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.Webhooks;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookTracingTest {

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void paidWebhookSpansFormTheDocumentedTree() {
        UUID invoiceId = fixtures.pendingInvoice("2001", fixtures.course(3));
        String paymentId = "pay-" + UUID.randomUUID();
        TraceParent parent = TraceParent.random();
        String body = succeeded(paymentId, invoiceId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body), parent, "tree-" + UUID.randomUUID()).statusCode(200);

        TraceTree spans = ExportedSpans.awaitTrace(exporter, parent.traceId(), WebhookTracingTest::hasServerAndProducerSpans);
        SpanData server = spans.ofKind(SpanKind.SERVER);
        SpanData process = spans.named(PROCESS_PAYMENT_WEBHOOK);
        SpanData verify = spans.named(VERIFY_SIGNATURE);
        SpanData parse = spans.named(PARSE_WEBHOOK);
        SpanData update = spans.named(UPDATE_INVOICE);
        SpanData unlock = spans.named(UNLOCK_MATERIALS);
        SpanData queue = spans.named(QUEUE_HOOKS);
        SpanData producer = spans.ofKind(SpanKind.PRODUCER);

        assertThat(server.getParentSpanId()).isEqualTo(parent.spanId());
        assertThat(process.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(List.of(verify, parse, update, queue)).allSatisfy(
                child -> assertThat(child.getParentSpanId()).as(child.getName()).isEqualTo(process.getSpanId()));
        assertThat(unlock.getParentSpanId()).isEqualTo(update.getSpanId());
        // the statement marking the invoice paid runs inside update_invoice, not under the server span
        assertThat(invoiceUpdateStatement(spans).getParentSpanId()).isEqualTo(update.getSpanId());
        assertThat(producer.getParentSpanId()).isEqualTo(queue.getSpanId());

        assertThat(process.getAttributes().get(WEBHOOK_SOURCE)).isEqualTo("yookassa");
        assertThat(process.getAttributes().get(PAYMENT_ID)).isEqualTo(paymentId);
        assertThat(process.getAttributes().get(PAYMENT_STATUS)).isEqualTo("succeeded");
        assertThat(process.getAttributes().get(INVOICE_ID)).isEqualTo(invoiceId.toString());
        assertThat(verify.getAttributes().get(VALID)).isTrue();
        assertThat(update.getAttributes().get(INVOICE_ID)).isEqualTo(invoiceId.toString());
        assertThat(unlock.getAttributes().get(MATERIALS_COUNT)).isEqualTo(3L);
        assertThat(List.of(process, verify, parse, update, unlock, queue))
                .allSatisfy(span -> assertThat(span.getStatus().getStatusCode()).as(span.getName()).isNotEqualTo(StatusCode.ERROR));
    }

    @Test
    void publishedRecordCarriesTheProducerSpanAsParentForConsumers() {
        UUID invoiceId = fixtures.pendingInvoice("2001", fixtures.course(1));
        TraceParent parent = TraceParent.random();
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body), parent, "producer-" + UUID.randomUUID()).statusCode(200);

        ConsumerRecord<String, String> record = kafka.awaitOnlyRecord(Topics.INVOICE_PAID, invoiceId.toString());
        TraceTree spans = ExportedSpans.awaitTrace(exporter, parent.traceId(), WebhookTracingTest::hasServerAndProducerSpans);
        SpanData producer = spans.ofKind(SpanKind.PRODUCER);
        assertThat(TestKafka.header(record, "traceparent"))
                .isEqualTo("00-" + parent.traceId() + "-" + producer.getSpanId() + "-01");
    }

    @Test
    void everySpanOfTheWebhookTraceCarriesTheCorrelationId() {
        UUID invoiceId = fixtures.pendingInvoice("2001", fixtures.course(2));
        TraceParent parent = TraceParent.random();
        String correlationId = "every-span-" + UUID.randomUUID();
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body), parent, correlationId).statusCode(200);

        TraceTree spans = ExportedSpans.awaitTrace(exporter, parent.traceId(), WebhookTracingTest::hasServerAndProducerSpans);
        assertThat(spans.spans()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(spans.spans()).allSatisfy(span -> assertThat(span.getAttributes().get(CORRELATION_ID))
                .as("correlation_id of span %s", span.getName()).isEqualTo(correlationId));
    }

    @Test
    void badSignatureIsRejectedWithErrorSpanAndChangesNothing() {
        UUID courseId = fixtures.course(3);
        UUID invoiceId = fixtures.pendingInvoice("2001", courseId);
        TraceParent parent = TraceParent.random();
        String correlationId = "bad-signature-" + UUID.randomUUID();
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");
        Map<String, String> signatureOfAnotherBody = Webhooks.sign(body.replace("49.00", "1.00"));

        Webhooks.post(body, signatureOfAnotherBody, parent, correlationId)
                .statusCode(400)
                .body("error", is("invalid_signature"))
                .body("correlationId", is(correlationId))
                .body("traceId", is(parent.traceId()));

        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PENDING");
        assertThat(fixtures.unlockedMaterials("2001", courseId)).isZero();
        assertThat(fixtures.outboxEventsFor(invoiceId.toString())).isZero();
        TraceTree spans = ExportedSpans.awaitTrace(exporter, parent.traceId(), PROCESS_PAYMENT_WEBHOOK);
        SpanData verify = spans.named(VERIFY_SIGNATURE);
        assertThat(verify.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(verify.getAttributes().get(VALID)).isFalse();
        assertThat(verify.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
        assertThat(verify.getParentSpanId()).isEqualTo(spans.named(PROCESS_PAYMENT_WEBHOOK).getSpanId());
        assertThat(spans.names()).doesNotContain(PARSE_WEBHOOK, UPDATE_INVOICE, QUEUE_HOOKS);
    }

    /** The database client span of the {@code update invoices} statement that marks the invoice paid. */
    private static SpanData invoiceUpdateStatement(TraceTree spans) {
        List<SpanData> statements = spans.matching(span -> span.getKind() == SpanKind.CLIENT
                && span.getName().startsWith("UPDATE") && span.getName().endsWith("invoices"));
        assertThat(statements).as("UPDATE invoices client spans in %s", spans.describe()).hasSize(1);
        return statements.get(0);
    }

    private static boolean hasServerAndProducerSpans(TraceTree spans) {
        return !spans.ofKind("payment-service", SpanKind.SERVER).isEmpty()
                && !spans.ofKind("payment-service", SpanKind.PRODUCER).isEmpty()
                && spans.find(QUEUE_HOOKS).isPresent();
    }
}
