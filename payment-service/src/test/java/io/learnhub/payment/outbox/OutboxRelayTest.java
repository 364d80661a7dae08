package io.learnhub.payment.outbox;

import static io.learnhub.payment.tracing.PaymentSpans.QUEUE_HOOKS;
import static io.learnhub.payment.testsupport.Traces.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.InvoicePaidTopic;
import io.learnhub.payment.testsupport.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OutboxRelayTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Traces traces;

    @Test
    void relayPublishesUnsentEventUnderItsStoredTraceContext() throws Exception {
        UUID eventId = UUID.randomUUID();
        UUID invoiceId = UUID.randomUUID();
        String correlationId = "relay-" + UUID.randomUUID();
        Traces.Parent webhookSpan = Traces.newParent();
        String payload = """
                {"eventId":"%s","type":"payments.invoice-paid.v1","occurredAt":"2026-01-05T10:15:30.123456Z",
                 "correlationId":"%s","data":{"invoiceId":"%s","paymentId":"pay-relay","studentId":"2001",
                 "courseId":"%s","teacherId":"1001","amount":"49.00","currency":"RUB","paidAt":"2026-01-05T10:15:30.123456Z"}}"""
                .formatted(eventId, correlationId, invoiceId, UUID.randomUUID());
        String traceContext = """
                {"traceparent":"%s","baggage":"correlation_id=%s"}""".formatted(webhookSpan.traceparent(), correlationId);

        fixtures.unsentOutboxEvent(eventId, InvoicePaidTopic.TOPIC, invoiceId.toString(), payload, traceContext);

        ConsumerRecord<String, String> record = InvoicePaidTopic.awaitOne(invoiceId.toString());
        JsonNode event = new ObjectMapper().readTree(record.value());
        assertThat(event.get("eventId").asText()).isEqualTo(eventId.toString());
        assertThat(event.get("occurredAt").asText()).isEqualTo("2026-01-05T10:15:30.123456Z");
        assertThat(event.get("data").get("invoiceId").asText()).isEqualTo(invoiceId.toString());
        assertThat(InvoicePaidTopic.header(record, "X-Correlation-ID")).isEqualTo(correlationId);

        List<SpanData> spans = traces.await(webhookSpan.traceId(), trace -> trace.stream()
                .anyMatch(span -> span.getKind() == SpanKind.PRODUCER));
        SpanData queue = named(spans, QUEUE_HOOKS);
        SpanData producer = spans.stream().filter(span -> span.getKind() == SpanKind.PRODUCER).findFirst().orElseThrow();
        assertThat(queue.getParentSpanId()).isEqualTo(webhookSpan.spanId());
        assertThat(producer.getParentSpanId()).isEqualTo(queue.getSpanId());
        assertThat(InvoicePaidTopic.header(record, "traceparent"))
                .isEqualTo("00-" + webhookSpan.traceId() + "-" + producer.getSpanId() + "-01");
        assertThat(List.of(queue, producer)).allSatisfy(span -> assertThat(
                span.getAttributes().get(AttributeKey.stringKey(CorrelationId.SPAN_ATTRIBUTE))).isEqualTo(correlationId));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> fixtures.outboxSentAt(eventId) != null);
    }
}
