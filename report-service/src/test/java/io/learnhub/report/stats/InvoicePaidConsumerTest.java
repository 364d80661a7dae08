package io.learnhub.report.payment;

import static io.learnhub.report.Spans.CORRELATION_ID;
import static io.learnhub.report.Spans.EVENT_DUPLICATE;
import static io.learnhub.report.Spans.INVOICE_ID;
import static io.learnhub.report.Spans.TEACHER_ID;
import static io.learnhub.report.Spans.inTrace;
import static io.learnhub.report.Spans.named;
import static io.learnhub.report.Spans.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.report.InvoicePaidTopic;
import io.learnhub.report.ReportTracing;
import io.learnhub.report.Spans;
import io.learnhub.report.Tokens;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InvoicePaidConsumerTest {

    /** Noon UTC on Wednesday of the current ISO week: inside this week wherever the test runs. */
    private static final Instant THIS_WEEK = LocalDate.now(ZoneOffset.UTC)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC);

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private InvoicePaidTopic topic;
    private final String teacherId = "teacher-" + UUID.randomUUID();

    @BeforeEach
    void openTopic() {
        topic = new InvoicePaidTopic(bootstrapServers);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void paidInvoiceIsAddedToItsTeachersWeek() {
        UUID invoiceId = UUID.randomUUID();
        publish(UUID.randomUUID(), invoiceId, "49.00", THIS_WEEK);
        awaitRecorded(invoiceId, 1);

        statsAsTeacher()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].teacherId", is(teacherId))
                .body("[0].weekStart", is(weekStart(THIS_WEEK)))
                .body("[0].paidInvoices", is(1))
                .body("[0].revenue.value", is("49.00"))
                .body("[0].revenue.currency", is("RUB"));
    }

    @Test
    void redeliveredEventIsCountedOnce() {
        UUID eventId = UUID.randomUUID();
        UUID invoiceId = UUID.randomUUID();
        publish(eventId, invoiceId, "49.00", THIS_WEEK);
        publish(eventId, invoiceId, "49.00", THIS_WEEK);

        List<SpanData> deliveries = awaitRecorded(invoiceId, 2);
        assertThat(deliveries).extracting(span -> span.getAttributes().get(EVENT_DUPLICATE)).containsExactly(false, true);

        statsAsTeacher()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].paidInvoices", is(1))
                .body("[0].revenue.value", is("49.00"));
    }

    @Test
    void twoInvoicesInOneWeekAddUp() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        publish(UUID.randomUUID(), first, "49.00", THIS_WEEK);
        publish(UUID.randomUUID(), second, "30.50", THIS_WEEK.plusSeconds(3600));
        awaitRecorded(first, 1);
        awaitRecorded(second, 1);

        statsAsTeacher()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].paidInvoices", is(2))
                .body("[0].revenue.value", is("79.50"));
    }

    @Test
    void invoicesOfDifferentWeeksAreKeptApartNewestWeekFirst() {
        Instant lastWeek = THIS_WEEK.minusSeconds(7 * 24 * 3600);
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        publish(UUID.randomUUID(), older, "20.00", lastWeek);
        publish(UUID.randomUUID(), newer, "49.00", THIS_WEEK);
        awaitRecorded(older, 1);
        awaitRecorded(newer, 1);

        statsAsTeacher()
                .statusCode(200)
                .body("weekStart", contains(weekStart(THIS_WEEK), weekStart(lastWeek)))
                .body("paidInvoices", contains(1, 1))
                .body("revenue.value", contains("49.00", "20.00"));
    }

    @Test
    void recordIsProcessedInTheProducersTraceWithItsCorrelationId() {
        String traceId = randomHex(32);
        String producerSpanId = randomHex(16);
        String correlationId = "corr-" + UUID.randomUUID();
        UUID invoiceId = UUID.randomUUID();
        topic.send(invoiceId.toString(), InvoicePaidTopic.event(UUID.randomUUID(), invoiceId, teacherId, "49.00", THIS_WEEK),
                Map.of("traceparent", "00-" + traceId + "-" + producerSpanId + "-01",
                        "baggage", "correlation_id=" + correlationId));

        SpanData business = awaitRecorded(invoiceId, 1).get(0);
        SpanData consumer = Spans.finished(spans, inTrace(traceId).and(span -> span.getKind() == SpanKind.CONSUMER))
                .get(0);
        assertThat(consumer.getParentSpanId()).isEqualTo(producerSpanId);
        assertThat(consumer.getAttributes().get(CORRELATION_ID)).isEqualTo(correlationId);

        assertThat(business.getTraceId()).isEqualTo(traceId);
        assertThat(business.getParentSpanId()).isEqualTo(consumer.getSpanId());
        assertThat(business.getAttributes().get(CORRELATION_ID)).isEqualTo(correlationId);
        assertThat(business.getAttributes().get(TEACHER_ID)).isEqualTo(teacherId);
        assertThat(business.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);

        List<SpanData> databaseCalls = Spans.finished(spans,
                inTrace(traceId).and(span -> span.getKind() == SpanKind.CLIENT));
        assertThat(databaseCalls).extracting(SpanData::getName)
                .contains("INSERT processed_events", "INSERT teacher_weekly_stats");
        assertThat(databaseCalls)
                .allSatisfy(span -> {
                    assertThat(span.getParentSpanId()).isEqualTo(business.getSpanId());
                    assertThat(span.getAttributes().get(CORRELATION_ID)).isEqualTo(correlationId);
                });
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopic() {
        String malformed = "{\"eventId\": not json " + UUID.randomUUID();
        topic.send("malformed", malformed);

        ConsumerRecord<String, String> deadLetter = topic.awaitDeadLetter(record -> malformed.equals(record.value()));
        assertThat(deadLetter.headers().lastHeader("dead-letter-reason")).isNotNull();
    }

    @Test
    void eventWithoutTeacherGoesToTheDeadLetterTopic() {
        UUID invoiceId = UUID.randomUUID();
        String withoutTeacher = InvoicePaidTopic.event(UUID.randomUUID(), invoiceId, teacherId, "49.00", THIS_WEEK)
                .replace("\"teacherId\":\"" + teacherId + "\",", "");
        topic.send(invoiceId.toString(), withoutTeacher);

        ConsumerRecord<String, String> deadLetter = topic.awaitDeadLetter(record -> withoutTeacher.equals(record.value()));
        assertThat(new String(deadLetter.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("teacherId");
    }

    @Test
    void failedRecordMarksItsSpanAsError() {
        String traceId = randomHex(32);
        topic.send("malformed", "not an event",
                Map.of("traceparent", "00-" + traceId + "-" + randomHex(16) + "-01",
                        "baggage", "correlation_id=corr-" + UUID.randomUUID()));

        SpanData failed = Spans.awaitFinished(spans, 1,
                named(ReportTracing.RECORD_INVOICE_PAID).and(inTrace(traceId))).get(0);
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getEvents()).anySatisfy(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
                    .isEqualTo(InvalidEventException.class.getName());
        });
    }

    private void publish(UUID eventId, UUID invoiceId, String amount, Instant paidAt) {
        topic.send(invoiceId.toString(), InvoicePaidTopic.event(eventId, invoiceId, teacherId, amount, paidAt));
    }

    /** Waits until the consumer has finished {@code count} deliveries of the invoice (its span ends after the commit). */
    private List<SpanData> awaitRecorded(UUID invoiceId, int count) {
        return Spans.awaitFinished(spans, count,
                named(ReportTracing.RECORD_INVOICE_PAID).and(with(INVOICE_ID, invoiceId.toString())));
    }

    private ValidatableResponse statsAsTeacher() {
        return given().auth().oauth2(Tokens.teacher(teacherId))
                .when().get("/api/reports/stats")
                .then();
    }

    private static String weekStart(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
    }

    private static String randomHex(int length) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, length);
    }
}
