package io.learnhub.payment.webhook;

import static io.learnhub.common.tracing.SharedSpans.ERROR_TYPE;
import static io.learnhub.payment.tracing.PaymentSpans.PROCESS_PAYMENT_WEBHOOK;
import static io.learnhub.payment.tracing.PaymentSpans.VERIFY_SIGNATURE;
import static io.learnhub.payment.tracing.PaymentSpans.WEBHOOK_DUPLICATE;
import static io.learnhub.payment.tracing.PaymentSpans.WEBHOOK_SIGNING_KEY;
import static io.learnhub.testing.PaymentNotifications.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.common.event.Topics;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.Webhooks;
import io.learnhub.testing.Concurrently;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.TestKafka;
import io.learnhub.testing.TraceParent;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Signatures bound to a timestamp: replays, expired and future timestamps, key rotation, concurrent duplicates. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookReplayTest {

    private static final String STUDENT = "2101";
    private static final Duration BEYOND_TOLERANCE = Duration.ofMinutes(5).plusSeconds(30);

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    private final TestKafka kafka = TestKafka.ofApplication();

    @Test
    void sameNotificationDeliveredAgainInsideTheWindowIsADuplicateWithoutEffect() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(2));
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");
        Map<String, String> signed = Webhooks.sign(body);
        TraceParent replay = TraceParent.random();

        Webhooks.post(body, signed).statusCode(200).body("status", is("PAID")).body("duplicate", is(false));
        Webhooks.post(body, signed, replay, "replay-" + UUID.randomUUID())
                .statusCode(200).body("status", is("PAID")).body("duplicate", is(true));

        SpanData replayed = ExportedSpans.awaitTrace(exporter, replay.traceId(), PROCESS_PAYMENT_WEBHOOK).named(PROCESS_PAYMENT_WEBHOOK);
        assertThat(replayed.getAttributes().get(WEBHOOK_DUPLICATE)).isTrue();
        assertThat(replayed.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(fixtures.outboxEventsFor(invoiceId.toString())).isEqualTo(1);
        kafka.awaitOnlyRecord(Topics.INVOICE_PAID, invoiceId.toString());
    }

    @Test
    void expiredSignatureIsRefusedAndChangesNothing() {
        UUID courseId = fixtures.course(2);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");
        TraceParent parent = TraceParent.random();

        Webhooks.post(body, Webhooks.sign(body, Webhooks.SECRET, Instant.now().minus(BEYOND_TOLERANCE)), parent, "expired-1")
                .statusCode(400)
                .body("error", is("stale_webhook"))
                .body("correlationId", is("expired-1"))
                .body("traceId", is(parent.traceId()));

        assertNothingChanged(invoiceId, courseId);
        SpanData verify = ExportedSpans.awaitTrace(exporter, parent.traceId(), PROCESS_PAYMENT_WEBHOOK).named(VERIFY_SIGNATURE);
        assertThat(verify.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(verify.getAttributes().get(ERROR_TYPE)).isEqualTo("stale_webhook");
    }

    @Test
    void signatureFromTheFutureIsRefused() {
        UUID courseId = fixtures.course(1);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body, Webhooks.SECRET, Instant.now().plus(BEYOND_TOLERANCE)))
                .statusCode(400)
                .body("error", is("stale_webhook"));

        assertNothingChanged(invoiceId, courseId);
    }

    @Test
    void signatureWithinTheToleranceIsAccepted() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body, Webhooks.SECRET, Instant.now().minus(Duration.ofMinutes(4))))
                .statusCode(200)
                .body("status", is("PAID"));
    }

    @Test
    void notificationSignedWithTheKeyBeingRotatedOutIsAccepted() {
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, fixtures.course(1));
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");
        TraceParent parent = TraceParent.random();

        Webhooks.post(body, Webhooks.sign(body, Webhooks.PREVIOUS_SECRET, Instant.now()), parent, "rotated-1")
                .statusCode(200)
                .body("status", is("PAID"));

        SpanData verify = ExportedSpans.awaitTrace(exporter, parent.traceId(), PROCESS_PAYMENT_WEBHOOK).named(VERIFY_SIGNATURE);
        assertThat(verify.getAttributes().get(WEBHOOK_SIGNING_KEY)).isEqualTo("previous");
    }

    @Test
    void notificationSignedWithAnUnknownKeyIsRefused() {
        UUID courseId = fixtures.course(1);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");

        Webhooks.post(body, Webhooks.sign(body, "a-retired-" + Webhooks.SECRET, Instant.now()))
                .statusCode(400)
                .body("error", is("invalid_signature"));

        assertNothingChanged(invoiceId, courseId);
    }

    @Test
    void signatureWithoutItsTimestampIsInvalid() {
        UUID courseId = fixtures.course(1);
        UUID invoiceId = fixtures.pendingInvoice(STUDENT, courseId);
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");
        String signatureOnly = Webhooks.sign(body).get("X-Webhook-Signature");

        Webhooks.post(body, Map.of("X-Webhook-Signature", signatureOnly))
                .statusCode(400)
                .body("error", is("invalid_signature"));

        assertNothingChanged(invoiceId, courseId);
    }

    @Test
    void twentyConcurrentDeliveriesHaveOneEffectOneEventAndOneEmail() throws Exception {
        String student = "2102-" + UUID.randomUUID();
        UUID courseId = fixtures.course(3);
        UUID invoiceId = fixtures.pendingInvoice(student, courseId);
        String body = succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB");
        Map<String, String> signed = Webhooks.sign(body);

        List<ExtractableResponse<Response>> responses = Concurrently.run(20, () -> Webhooks.post(body, signed).extract());

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(responses).filteredOn(response -> !response.<Boolean> path("duplicate")).hasSize(1);
        assertThat(fixtures.unlockedMaterials(student, courseId)).isEqualTo(3);
        assertThat(fixtures.outboxEventsFor(invoiceId.toString())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailServer.receivedBy(Fixtures.emailOf(student)).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> kafka.recordsWithKey(Topics.INVOICE_PAID, invoiceId.toString()).size() == 1
                        && MailServer.receivedBy(Fixtures.emailOf(student)).size() == 1);
        assertThat(fixtures.emailsAbout(invoiceId)).isEqualTo(1);
    }

    private void assertNothingChanged(UUID invoiceId, UUID courseId) {
        assertThat(fixtures.invoice(invoiceId).status()).isEqualTo("PENDING");
        assertThat(fixtures.unlockedMaterials(STUDENT, courseId)).isZero();
        assertThat(fixtures.outboxEventsFor(invoiceId.toString())).isZero();
    }
}
