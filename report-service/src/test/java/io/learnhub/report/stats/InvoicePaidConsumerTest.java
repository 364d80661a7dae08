package io.learnhub.report.stats;

import static io.learnhub.testing.ExportedSpans.inTrace;
import static io.learnhub.testing.ExportedSpans.named;
import static io.learnhub.testing.ExportedSpans.ofKind;
import static io.learnhub.testing.ExportedSpans.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

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
import org.junit.jupiter.api.Test;

import io.learnhub.common.event.InvalidEventException;
import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.report.testsupport.Events;
import io.learnhub.report.tracing.ReportSpans;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
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
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InvoicePaidConsumerTest {

    /** Noon UTC on Wednesday of the current ISO week: inside this week wherever the test runs. */
    private static final Instant THIS_WEEK = LocalDate.now(ZoneOffset.UTC)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC);

    @Inject
    InMemorySpanExporter spans;

    private final TestKafka kafka = TestKafka.ofApplication();
    private final String teacherId = "teacher-" + UUID.randomUUID();

    @Test
    void paidInvoiceIsAddedToItsTeachersWeek() {
        InvoicePaidRecord paid = invoicePaid("49.00", THIS_WEEK);
        publish(paid);
        awaitRecorded(paid, 1);

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
        InvoicePaidRecord paid = invoicePaid("49.00", THIS_WEEK);
        publish(paid);
        publish(paid);

        List<SpanData> deliveries = awaitRecorded(paid, 2);
        assertThat(deliveries).extracting(span -> span.getAttributes().get(SharedSpans.EVENT_DUPLICATE)).containsExactly(false, true);

        statsAsTeacher()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].paidInvoices", is(1))
                .body("[0].revenue.value", is("49.00"));
    }

    @Test
    void twoInvoicesInOneWeekAddUp() {
        InvoicePaidRecord first = invoicePaid("49.00", THIS_WEEK);
        InvoicePaidRecord second = invoicePaid("30.50", THIS_WEEK.plusSeconds(3600));
        publish(first);
        publish(second);
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
        InvoicePaidRecord older = invoicePaid("20.00", lastWeek);
        InvoicePaidRecord newer = invoicePaid("49.00", THIS_WEEK);
        publish(older);
        publish(newer);
        awaitRecorded(older, 1);
        awaitRecorded(newer, 1);

        statsAsTeacher()
                .statusCode(200)
                .body("weekStart", contains(weekStart(THIS_WEEK), weekStart(lastWeek)))
                .body("paidInvoices", contains(1, 1))
                .body("revenue.value", contains("49.00", "20.00"));
    }

    @Test
    void aRefundIsCountedInItsWeekBesideThePayment() {
        InvoicePaidRecord paid = invoicePaid("49.00", THIS_WEEK);
        Events events = new Events();
        events.awaitProcessed(events.invoicePaid(paid), events.refunded(paid, THIS_WEEK.plusSeconds(60)));

        statsAsTeacher()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].paidInvoices", is(1))
                .body("[0].revenue.value", is("49.00"))
                .body("[0].refunds", is(1))
                .body("[0].refunded.value", is("49.00"))
                .body("[0].refunded.currency", is("RUB"));
    }

    @Test
    void recordIsProcessedInTheProducersTraceWithItsCorrelationId() {
        TraceParent producer = TraceParent.random();
        String correlationId = "corr-" + UUID.randomUUID();
        InvoicePaidRecord paid = invoicePaid("49.00", THIS_WEEK);
        kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json(),
                Map.of("traceparent", producer.header(), "baggage", "correlation_id=" + correlationId));

        SpanData business = awaitRecorded(paid, 1).get(0);
        TraceTree trace = ExportedSpans.awaitTrace(spans, producer.traceId(), SpanKind.CONSUMER);
        SpanData consumer = trace.ofKind(SpanKind.CONSUMER);
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.spanId());
        assertThat(consumer.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(correlationId);

        assertThat(business.getTraceId()).isEqualTo(producer.traceId());
        assertThat(business.getParentSpanId()).isEqualTo(consumer.getSpanId());
        assertThat(business.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(correlationId);
        assertThat(business.getAttributes().get(SharedSpans.TEACHER_ID)).isEqualTo(teacherId);
        assertThat(business.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);

        List<SpanData> databaseCalls = ExportedSpans.matching(spans, inTrace(producer.traceId()).and(ofKind(SpanKind.CLIENT)));
        assertThat(databaseCalls).extracting(SpanData::getName)
                .contains("INSERT processed_events", "INSERT teacher_weekly_stats");
        // the recording's statements hang under it; the enrolment email's under its send_email span, below it
        TraceTree complete = ExportedSpans.awaitTrace(spans, producer.traceId(), SharedSpans.SEND_EMAIL);
        assertThat(databaseCalls)
                .allSatisfy(span -> {
                    assertThat(complete.descendsFrom(span, business)).as(span.getName()).isTrue();
                    assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(correlationId);
                });
        assertThat(databaseCalls.stream().filter(span -> span.getParentSpanId().equals(business.getSpanId())))
                .extracting(SpanData::getName).contains("INSERT processed_events", "INSERT teacher_weekly_stats");
    }

    @Test
    void envelopeCorrelationIdIsUsedWhenTheRecordHasNoBaggage() {
        TraceParent producer = TraceParent.random();
        InvoicePaidRecord paid = invoicePaid("49.00", THIS_WEEK).withCorrelationId("from-envelope-" + UUID.randomUUID());
        kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json(), Map.of("traceparent", producer.header()));

        SpanData business = awaitRecorded(paid, 1).get(0);
        List<SpanData> databaseCalls = ExportedSpans.matching(spans, inTrace(producer.traceId()).and(ofKind(SpanKind.CLIENT)));
        assertThat(databaseCalls).isNotEmpty();
        assertThat(databaseCalls).allSatisfy(span -> assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID))
                .as(span.getName()).isEqualTo(paid.correlationId()));
        assertThat(business.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(paid.correlationId());
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopic() {
        String malformed = "{\"eventId\": not json " + UUID.randomUUID();
        kafka.send(Topics.INVOICE_PAID, "malformed", malformed);

        ConsumerRecord<String, String> deadLetter = kafka.awaitRecord(Topics.deadLetter(Topics.INVOICE_PAID),
                record -> malformed.equals(record.value()));
        assertThat(deadLetter.headers().lastHeader("dead-letter-reason")).isNotNull();
    }

    @Test
    void eventWithoutTeacherGoesToTheDeadLetterTopic() {
        InvoicePaidRecord withoutTeacher = invoicePaid("49.00", THIS_WEEK).withTeacher(null);
        kafka.send(Topics.INVOICE_PAID, withoutTeacher.key(), withoutTeacher.json());

        ConsumerRecord<String, String> deadLetter = kafka.awaitRecord(Topics.deadLetter(Topics.INVOICE_PAID),
                record -> withoutTeacher.json().equals(record.value()));
        assertThat(TestKafka.header(deadLetter, "dead-letter-reason")).contains("teacherId");
    }

    @Test
    void failedRecordMarksItsSpanAsError() {
        TraceParent producer = TraceParent.random();
        kafka.send(Topics.INVOICE_PAID, "malformed", "not an event",
                Map.of("traceparent", producer.header(), "baggage", "correlation_id=corr-" + UUID.randomUUID()));

        SpanData failed = ExportedSpans.awaitMatching(spans, 1,
                named(ReportSpans.RECORD_INVOICE_PAID).and(inTrace(producer.traceId()))).get(0);
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getEvents()).anySatisfy(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
                    .isEqualTo(InvalidEventException.class.getName());
        });
    }

    private InvoicePaidRecord invoicePaid(String amount, Instant paidAt) {
        return InvoicePaidRecord.random().withTeacher(teacherId).withAmount(amount).withPaidAt(paidAt);
    }

    private void publish(InvoicePaidRecord paid) {
        kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json());
    }

    /** Waits until the consumer has finished {@code count} deliveries of the invoice (its span ends after the commit). */
    private List<SpanData> awaitRecorded(InvoicePaidRecord paid, int count) {
        return ExportedSpans.awaitMatching(spans, count,
                named(ReportSpans.RECORD_INVOICE_PAID).and(with(SharedSpans.INVOICE_ID, paid.invoiceId().toString())));
    }

    private ValidatableResponse statsAsTeacher() {
        return given().auth().oauth2(DevTokens.teacher(teacherId))
                .when().get("/api/reports/stats")
                .then();
    }

    private static String weekStart(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
    }
}
