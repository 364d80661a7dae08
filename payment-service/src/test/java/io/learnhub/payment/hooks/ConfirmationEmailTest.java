package io.learnhub.payment.hooks;

import static io.learnhub.common.tracing.SharedSpans.EMAIL_ATTEMPT;
import static io.learnhub.common.tracing.SharedSpans.EMAIL_RECIPIENT_ID;
import static io.learnhub.common.tracing.SharedSpans.EMAIL_TEMPLATE;
import static io.learnhub.common.tracing.SharedSpans.ERROR_TYPE;
import static io.learnhub.common.tracing.SharedSpans.EVENT_DUPLICATE;
import static io.learnhub.common.tracing.SharedSpans.SEND_EMAIL;
import static io.learnhub.payment.tracing.PaymentSpans.QUEUE_HOOKS;
import static io.learnhub.payment.tracing.PaymentSpans.RUN_PAYMENT_HOOKS;
import static io.learnhub.testing.PaymentNotifications.succeeded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.learnhub.common.event.Topics;
import io.learnhub.common.mail.EmailNotSentException;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.Webhooks;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.PrometheusText;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The post-payment hooks: payment-service consumes its own invoice-paid event and confirms the
 * payment to the student over real SMTP, once per invoice, whatever is redelivered or interrupted.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConfirmationEmailTest {

    private static final Duration EMAIL_WAIT = Duration.ofSeconds(15);

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void paidInvoiceIsConfirmedToTheStudentOnce() throws Exception {
        String student = Fixtures.newStudent();
        UUID courseId = fixtures.course(2);
        UUID invoiceId = fixtures.pendingInvoice(student, courseId);
        String paymentId = "pay-" + UUID.randomUUID();

        Webhooks.postSigned(succeeded(paymentId, invoiceId, "49.00", "RUB")).statusCode(200);

        MimeMessage mail = awaitMails(student, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Payment received: Course " + courseId);
        assertThat(MailServer.body(mail)).contains("49.00 RUB", invoiceId.toString(), paymentId);
        assertThat(mail.getFrom()[0].toString()).contains("no-reply@learnhub.local");
        assertThat(fixtures.emailsAbout(invoiceId)).isEqualTo(1);
    }

    @Test
    void theEmailContinuesTheWebhooksTraceWithoutPersonalData() {
        String student = Fixtures.newStudent();
        UUID invoiceId = fixtures.pendingInvoice(student, fixtures.course(1));
        TraceParent parent = TraceParent.random();
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body), parent, "email-trace-1").statusCode(200);

        TraceTree trace = ExportedSpans.awaitTrace(exporter, parent.traceId(), SEND_EMAIL);
        SpanData hooks = trace.named(RUN_PAYMENT_HOOKS);
        SpanData send = trace.named(SEND_EMAIL);
        SpanData consumer = trace.parentOf(hooks).orElseThrow();
        SpanData producer = trace.parentOf(consumer).orElseThrow();
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(trace.parentOf(producer).orElseThrow().getName()).isEqualTo(QUEUE_HOOKS);
        assertThat(send.getParentSpanId()).isEqualTo(hooks.getSpanId());
        assertThat(hooks.getAttributes().get(EVENT_DUPLICATE)).isFalse();
        assertThat(send.getAttributes().get(EMAIL_TEMPLATE)).isEqualTo("payment-confirmation");
        assertThat(send.getAttributes().get(EMAIL_RECIPIENT_ID)).isEqualTo(student);
        assertThat(send.getAttributes().get(EMAIL_ATTEMPT)).isEqualTo(1L);
        assertThat(send.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(trace.spans()).allSatisfy(span -> span.getAttributes().forEach((key, value) -> assertThat(
                String.valueOf(value)).as("%s of %s", key, span.getName()).doesNotContain(Fixtures.emailOf(student))));
    }

    @Test
    void redeliveredEventSendsNoSecondEmail() {
        String student = Fixtures.newStudent();
        UUID invoiceId = fixtures.pendingInvoice(student, fixtures.course(1));
        Webhooks.postSigned(succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB")).statusCode(200);
        ConsumerRecord<String, String> record = kafka.awaitOnlyRecord(Topics.INVOICE_PAID, invoiceId.toString());
        awaitMails(student, 1);
        TraceParent redelivery = TraceParent.random();

        kafka.send(Topics.INVOICE_PAID, record.key(), record.value(), Map.of("traceparent", redelivery.header()));

        SpanData duplicate = ExportedSpans.awaitTrace(exporter, redelivery.traceId(), RUN_PAYMENT_HOOKS).named(RUN_PAYMENT_HOOKS);
        assertThat(duplicate.getAttributes().get(EVENT_DUPLICATE)).isTrue();
        assertThat(MailServer.receivedBy(Fixtures.emailOf(student))).hasSize(1);
        assertThat(fixtures.emailsAbout(invoiceId)).isEqualTo(1);
    }

    @Test
    void emailLeftUnsentByAStoppedServiceIsSentByTheRelayInItsTrace() throws Exception {
        String student = Fixtures.newStudent();
        TraceParent queuedUnder = TraceParent.random();
        UUID emailId = fixtures.queuedEmail(student, Fixtures.emailOf(student), 0,
                "{\"traceparent\":\"" + queuedUnder.header() + "\"}");

        MimeMessage mail = awaitMails(student, 1).get(0);

        // every attempt at one email carries the same Message-ID, so a repeated send reads as one mail
        assertThat(mail.getMessageID()).isEqualTo("<" + emailId + "@learnhub.local>");
        await().atMost(EMAIL_WAIT).until(() -> "SENT".equals(fixtures.email(emailId).status()));
        assertThat(fixtures.email(emailId).attempts()).isEqualTo(1);
        SpanData send = ExportedSpans.awaitTrace(exporter, queuedUnder.traceId(), SEND_EMAIL).named(SEND_EMAIL);
        assertThat(send.getParentSpanId()).isEqualTo(queuedUnder.spanId());
    }

    @Test
    void emailWithAnHtmlBodyIsSentAsTextAndHtmlAlternatives() throws Exception {
        String student = Fixtures.newStudent();
        String html = "<p>Hello <b>" + student + "</b></p>";
        UUID emailId = fixtures.queuedEmail(student, Fixtures.emailOf(student), 0,
                "{\"traceparent\":\"" + TraceParent.random().header() + "\"}", html);

        MimeMessage mail = awaitMails(student, 1).get(0);

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        Multipart alternatives = (Multipart) mail.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        assertThat(alternatives.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(String.valueOf(alternatives.getBodyPart(0).getContent())).contains("Body of " + emailId);
        assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(String.valueOf(alternatives.getBodyPart(1).getContent())).contains(html);
    }

    /** The alert on failed emails needs the 0 before the first failure: the declared template's series exists from the start. */
    @Test
    void countersOfTheDeclaredTemplateAreExported() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics.lines().filter(line -> line.startsWith("learnhub_emails_total{")
                && line.contains("template=\"payment-confirmation\"")))
                .anyMatch(line -> line.contains("outcome=\"sent\""))
                .anyMatch(line -> line.contains("outcome=\"retry\""))
                .anyMatch(line -> line.contains("outcome=\"failed\""));
    }

    @Test
    void failedSendsAreRetriedWithBackoffThenRecordedAsFailed() {
        String student = Fixtures.newStudent();
        TraceParent queuedUnder = TraceParent.random();
        double failedBefore = failedEmails();
        // an address no SMTP conversation can carry: every attempt fails
        UUID emailId = fixtures.queuedEmail(student, "no address at all", 0, "{\"traceparent\":\"" + queuedUnder.header() + "\"}");

        await().atMost(EMAIL_WAIT).until(() -> "FAILED".equals(fixtures.email(emailId).status()));

        Fixtures.EmailRow email = fixtures.email(emailId);
        assertThat(email.attempts()).isEqualTo(6);
        assertThat(email.lastError()).isNotBlank();
        assertThat(email.sentAt()).isNull();
        assertThat(failedEmails()).isEqualTo(failedBefore + 1);
        List<SpanData> attempts = ExportedSpans.awaitMatching(exporter, 6,
                span -> span.getName().equals(SEND_EMAIL) && span.getTraceId().equals(queuedUnder.traceId()));
        assertThat(attempts).extracting(span -> span.getAttributes().get(EMAIL_ATTEMPT)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(attempts).allSatisfy(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo(EmailNotSentException.class.getName());
        });
        // backoff: the six attempts are spread over at least 0.2 + 0.4 + 0.8 + 1 + 1 s (%test backoff; the relay polls every 1 s)
        long first = attempts.stream().mapToLong(SpanData::getStartEpochNanos).min().orElseThrow();
        long last = attempts.stream().mapToLong(SpanData::getStartEpochNanos).max().orElseThrow();
        assertThat(Duration.ofNanos(last - first)).isGreaterThanOrEqualTo(Duration.ofMillis(3400));
    }

    private static double failedEmails() {
        return PrometheusText.sum(given().when().get("/q/metrics").then().statusCode(200).extract().asString(),
                "learnhub_emails_total", "template=\"payment-confirmation\"", "outcome=\"failed\"");
    }

    private static List<MimeMessage> awaitMails(String student, int count) {
        await().atMost(EMAIL_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> MailServer.receivedBy(Fixtures.emailOf(student)).size() >= count);
        List<MimeMessage> mails = MailServer.receivedBy(Fixtures.emailOf(student));
        assertThat(mails).hasSize(count);
        return mails;
    }
}
