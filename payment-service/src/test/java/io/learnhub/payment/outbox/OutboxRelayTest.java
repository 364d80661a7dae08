package io.learnhub.payment.outbox;

import static io.learnhub.payment.tracing.PaymentSpans.QUEUE_HOOKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
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
class OutboxRelayTest {

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void relayPublishesUnsentEventUnderItsStoredTraceContext() {
        String correlationId = "relay-" + UUID.randomUUID();
        InvoicePaidRecord paid = InvoicePaidRecord.random().withCorrelationId(correlationId);
        TraceParent webhookSpan = TraceParent.random();
        String traceContext = """
                {"traceparent":"%s","baggage":"correlation_id=%s"}""".formatted(webhookSpan.header(), correlationId);

        fixtures.unsentOutboxEvent(paid.eventId(), Topics.INVOICE_PAID, paid.key(), paid.json(), traceContext);

        ConsumerRecord<String, String> record = kafka.awaitOnlyRecord(Topics.INVOICE_PAID, paid.key());
        assertThat(record.value()).as("published exactly as stored").isEqualTo(paid.json());
        assertThat(TestKafka.header(record, "X-Correlation-ID")).isEqualTo(correlationId);

        TraceTree spans = ExportedSpans.awaitTrace(exporter, webhookSpan.traceId(), SpanKind.PRODUCER);
        SpanData queue = spans.named(QUEUE_HOOKS);
        SpanData producer = spans.ofKind(SpanKind.PRODUCER);
        assertThat(queue.getParentSpanId()).isEqualTo(webhookSpan.spanId());
        assertThat(producer.getParentSpanId()).isEqualTo(queue.getSpanId());
        assertThat(TestKafka.header(record, "traceparent"))
                .isEqualTo("00-" + webhookSpan.traceId() + "-" + producer.getSpanId() + "-01");
        assertThat(List.of(queue, producer)).allSatisfy(span -> assertThat(
                span.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(correlationId));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> fixtures.outboxSentAt(paid.eventId()) != null);
    }

    @Test
    void storedContextWithoutBaggageIsPublishedUnderTheEnvelopesCorrelationId() {
        String correlationId = "relay-envelope-" + UUID.randomUUID();
        InvoicePaidRecord paid = InvoicePaidRecord.random().withCorrelationId(correlationId);
        TraceParent webhookSpan = TraceParent.random();

        fixtures.unsentOutboxEvent(paid.eventId(), Topics.INVOICE_PAID, paid.key(), paid.json(),
                "{\"traceparent\":\"" + webhookSpan.header() + "\"}");

        ConsumerRecord<String, String> record = kafka.awaitOnlyRecord(Topics.INVOICE_PAID, paid.key());
        assertThat(TestKafka.header(record, "baggage")).contains("correlation_id=" + correlationId);
        TraceTree spans = ExportedSpans.awaitTrace(exporter, webhookSpan.traceId(), SpanKind.PRODUCER);
        assertThat(List.of(spans.named(QUEUE_HOOKS), spans.ofKind(SpanKind.PRODUCER))).allSatisfy(span -> assertThat(
                span.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(correlationId));
    }
}
