package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.PAYMENT;
import static io.learnhub.e2e.GatewayApi.freshUserId;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.e2e.InvoicePaidEffects.Before;
import io.learnhub.e2e.InvoicePaidEffects.Paid;
import io.learnhub.testing.PaymentNotifications;
import io.learnhub.testing.TraceResponseHeader;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * payment-service killed with {@code kill -9} between the commit of a payment and the publish of
 * its event, made deterministic by stopping Kafka first: the webhook's 200 says the payment and its
 * outbox row are committed, no publish can have reached the broker, and the process dies with the
 * row leased to it. Once Kafka and payment-service are back, the restarted process's outbox relay
 * takes the row when the dead one's lease runs out and publishes it exactly once, under the
 * webhook's stored trace context, so every effect happens once and stays in the webhook's trace.
 */
@DisplayName("payment-service killed between the commit of a payment and its publish")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentCrashE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();
    static final GatewayApi API = new GatewayApi(STACK);
    static final InvoicePaidEffects EFFECTS = new InvoicePaidEffects(STACK, API);

    static final String SCENARIO = "payment-crash";
    /**
     * The relay takes the row once the dead process's lease (30 s from the commit) has run out; the
     * restarted process's own consumer (the confirmation email) gets its partition once the group
     * has dropped the dead member, a session timeout (45 s) after the broker came back.
     */
    static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(75);

    final String studentId = freshUserId();
    String invoiceId;
    Response webhook;
    Before before;
    Paid paid;

    @BeforeAll
    void payThenKillPaymentServiceBeforeItPublishes() {
        before = EFFECTS.before();
        JsonPath invoice = API.createInvoice(studentId);
        invoiceId = invoice.getString("id");
        String body = PaymentNotifications.succeeded("pay-e2e-crash-" + UUID.randomUUID(), invoiceId,
                invoice.getString("amount.value"), invoice.getString("amount.currency"));

        STACK.stopKafka();
        Instant down = Instant.now();
        Instant killed = null;
        try {
            webhook = API.sendWebhook(body, PaymentNotifications.signedHeaders(body, STACK.webhookSecret()),
                    "e2e-crash-" + UUID.randomUUID());
            if (webhook.statusCode() == 200) {
                // its spans exported first (every 100 ms): the kill may lose work, the test must not lose the trace's top
                STACK.traces().awaitTraceSatisfying(traceId(), trace -> assertThat(trace.named(PAYMENT, "process_payment_webhook"))
                        .as(trace.describe()).isNotEmpty(), Duration.ofSeconds(5));
            }
            STACK.killService(PAYMENT);
            killed = Instant.now();
        } finally {
            Instant restart = Instant.now();
            STACK.restartKafka();
            long kafkaBack = Reliability.millisSince(restart);
            STACK.restartService(PAYMENT);
            System.out.printf("[reliability] %s: kafka down %d ms, payment-service dead %d ms (kafka ready again in %d ms,"
                    + " payment-service %d ms later)%n", SCENARIO, Duration.between(down, restart).toMillis() + kafkaBack,
                    killed == null ? -1 : Reliability.millisSince(killed), kafkaBack,
                    Reliability.millisSince(restart) - kafkaBack);
        }
        paid = new Paid(invoiceId, studentId, new BigDecimal(invoice.getString("amount.value")),
                traceId());
    }

    private String traceId() {
        return TraceResponseHeader.parse(webhook.header(TraceResponseHeader.NAME)).traceId();
    }

    @Test
    void webhookWasAcceptedBeforeTheCrash() {
        assertThat(webhook.statusCode()).as(webhook.asString()).isEqualTo(200);
        assertThat(webhook.jsonPath().getString("status")).isEqualTo("PAID");
        assertThat(webhook.jsonPath().getBoolean("duplicate")).isFalse();
    }

    @Test
    void theRestartedServiceRelaysTheEventOnceAndEveryEffectHappensOnce() {
        EFFECTS.awaitAndReconcile(SCENARIO, List.of(paid), before, EFFECT_TIMEOUT);
    }

    /**
     * The only successful publish is the relay's in the restarted process: its {@code queue_hooks}
     * is restored from the outbox row under {@code process_payment_webhook}, and every consumer hangs
     * under its producer span. What the kill cut short is the dead process's publish attempt, whose
     * unended spans were never exported.
     */
    @Test
    void theRelayedEventsConsumersAreInTheWebhooksTrace() {
        EFFECTS.awaitConsumersInTrace(paid, EFFECT_TIMEOUT);
        TraceTree trace = STACK.traces().trace(paid.traceId());
        List<SpanData> published = trace.named(PAYMENT, "queue_hooks").stream()
                .filter(span -> span.getStatus().getStatusCode() != StatusCode.ERROR).toList();
        assertThat(published).as("successful queue_hooks in %s", trace.describe()).singleElement()
                .satisfies(relay -> assertThat(trace.ancestorsOf(relay)).extracting(SpanData::getName)
                        .contains("process_payment_webhook"));
        // the killed process's own publish attempt: its producer span was exported, its queue_hooks died unended
        // with the process; that record never reached Kafka (one record on the topic), so no consumer hangs under it
        assertThat(trace.orphans()).as("spans whose parent is not in the trace: %s", trace.describe())
                .allSatisfy(orphan -> {
                    assertThat(TraceTree.serviceName(orphan) + "/" + orphan.getKind()).isEqualTo(PAYMENT + "/" + SpanKind.PRODUCER);
                    assertThat(trace.children(orphan)).as("spans under the dead attempt %s", TraceTree.describe(orphan)).isEmpty();
                });
    }
}
