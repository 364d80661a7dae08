package io.learnhub.report.enrolment;

import static io.learnhub.testing.ExportedSpans.named;
import static io.learnhub.testing.ExportedSpans.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.report.testsupport.Events;
import io.learnhub.report.tracing.ReportSpans;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.SensitiveValues;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EnrolmentEmailTest {

    @Inject
    InMemorySpanExporter spans;

    private final Events events = new Events();
    private final String teacher = "teacher-" + UUID.randomUUID();

    @Test
    void theTeacherIsEmailedOnceInThePaymentsTrace() {
        TraceParent producer = TraceParent.random();
        String correlationId = "corr-" + UUID.randomUUID();
        InvoicePaidRecord paid = InvoicePaidRecord.random().withTeacher(teacher).withStudent("s-" + UUID.randomUUID());
        Map<String, String> headers = Map.of("traceparent", producer.header(), "baggage", "correlation_id=" + correlationId);
        events.awaitProcessed(events.kafka().send(Topics.INVOICE_PAID, paid.key(), paid.json(), headers),
                events.kafka().send(Topics.INVOICE_PAID, paid.key(), paid.json(), headers),
                // another event about the same invoice: still one email per invoice
                events.invoicePaid(paid.withEventId(UUID.randomUUID())));

        List<MimeMessage> emails = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailServer.receivedBy(InvoicePaidRecord.teacherEmailOf(teacher)), received -> !received.isEmpty());
        assertThat(subject(emails.get(0))).isEqualTo("New student in " + paid.courseTitle());
        assertThat(MailServer.body(emails.get(0))).contains(paid.studentId()).contains(paid.invoiceId().toString());

        TraceTree trace = ExportedSpans.awaitTrace(spans, producer.traceId(), SharedSpans.SEND_EMAIL);
        // two deliveries of the record: two consumer spans, both children of the producer's
        assertThat(trace.matching(span -> span.getKind() == SpanKind.CONSUMER)).hasSize(2)
                .allSatisfy(consumer -> assertThat(consumer.getParentSpanId()).isEqualTo(producer.spanId()));
        SpanData recording = trace.allNamed(ReportSpans.RECORD_INVOICE_PAID).stream()
                .filter(span -> Boolean.FALSE.equals(span.getAttributes().get(SharedSpans.EVENT_DUPLICATE)))
                .findFirst().orElseThrow();
        assertThat(trace.parentOf(recording)).map(SpanData::getKind).contains(SpanKind.CONSUMER);
        SpanData email = trace.named(SharedSpans.SEND_EMAIL);
        assertThat(email.getParentSpanId()).isEqualTo(recording.getSpanId());
        assertThat(email.getAttributes().get(SharedSpans.EMAIL_TEMPLATE)).isEqualTo("enrolment");
        assertThat(email.getAttributes().get(SharedSpans.EMAIL_RECIPIENT_ID)).isEqualTo(teacher);
        assertThat(trace.spans()).allSatisfy(span -> {
            assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID)).as(span.getName()).isEqualTo(correlationId);
            assertThat(SensitiveValues.in(span)).as(span.getName()).isEmpty();
        });

        // and no second email, nor a second send, follows
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200))
                .until(() -> MailServer.receivedBy(InvoicePaidRecord.teacherEmailOf(teacher)).size() == 1);
        assertThat(ExportedSpans.trace(spans, producer.traceId()).allNamed(SharedSpans.SEND_EMAIL)).hasSize(1);
    }

    @Test
    void aCourseWithoutATeacherAddressEmailsNobodyAndSaysSo() {
        InvoicePaidRecord paid = InvoicePaidRecord.random().withTeacher(teacher).withoutTeacherEmail();
        events.awaitProcessed(events.invoicePaid(paid));

        SpanData recording = ExportedSpans.awaitMatching(spans, 1, named(ReportSpans.RECORD_INVOICE_PAID)
                .and(with(SharedSpans.INVOICE_ID, paid.invoiceId().toString()))).get(0);
        assertThat(recording.getEvents()).extracting(event -> event.getName())
                .contains(ReportSpans.EVENT_NO_RECIPIENT_ADDRESS);
        assertThat(ExportedSpans.trace(spans, recording.getTraceId()).find(SharedSpans.SEND_EMAIL)).isEmpty();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
