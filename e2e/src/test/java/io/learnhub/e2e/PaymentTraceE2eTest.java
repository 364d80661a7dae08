package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.CHAT;
import static io.learnhub.e2e.E2eStack.GATEWAY;
import static io.learnhub.e2e.E2eStack.PAYMENT;
import static io.learnhub.e2e.E2eStack.REPORT;
import static io.learnhub.e2e.GatewayApi.COURSE_ID;
import static io.learnhub.e2e.GatewayApi.COURSE_MATERIALS;
import static io.learnhub.e2e.GatewayApi.COURSE_ROOM_ID;
import static io.learnhub.e2e.GatewayApi.CORRELATION_HEADER;
import static io.learnhub.e2e.GatewayApi.TEACHER_ID;
import static io.learnhub.e2e.GatewayApi.emailOf;
import static io.learnhub.e2e.GatewayApi.freshUserId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.e2e.GatewayApi.WeekStats;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.PaymentNotifications;
import io.learnhub.testing.SensitiveValues;
import io.learnhub.testing.TraceResponseHeader;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The proof the project exists for: a payment webhook entering at the gateway yields one trace
 * across all four services, HTTP and Kafka hops included, tagged with one correlation id, down to
 * the student's confirmation email crossing SMTP; and its effects are visible through the
 * gateway. Everything goes through the gateway, as a browser and the payment provider would.
 */
@DisplayName("Payment webhook through the whole suite")
class PaymentTraceE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();
    static final GatewayApi API = new GatewayApi(STACK);

    static final String INVOICE_PAID_TOPIC = InvoicePaidRecord.TYPE;
    /** The span Quarkus makes for each record a consumer of payments.invoice-paid.v1 receives. */
    static final String INVOICE_PAID_CONSUMER = INVOICE_PAID_TOPIC + " receive";
    /** Every service that consumes payments.invoice-paid.v1; payment-service runs its post-payment hooks from it. */
    static final List<String> INVOICE_PAID_CONSUMERS = List.of(CHAT, REPORT, PAYMENT);
    static final String CORRELATION_ATTRIBUTE = TraceTree.CORRELATION_ID.getKey();

    static final Duration TRACE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofMillis(100);

    /** Parent → child edges the payment webhook must produce inside payment-service (docs/architecture.md, "Business spans"). */
    static final List<Edge> PAYMENT_EDGES = List.of(
            new Edge(PAYMENT, "process_payment_webhook", "parse_webhook"),
            new Edge(PAYMENT, "process_payment_webhook", "verify_signature"),
            new Edge(PAYMENT, "process_payment_webhook", "update_invoice"),
            new Edge(PAYMENT, "update_invoice", "unlock_materials"),
            new Edge(PAYMENT, "process_payment_webhook", "queue_hooks"),
            // the post-payment hooks, run from payment-service's own consumer of the event
            new Edge(PAYMENT, INVOICE_PAID_CONSUMER, "run_payment_hooks"),
            new Edge(PAYMENT, "run_payment_hooks", "send_email"),
            // the teacher's enrolment email, from report-service's consumer of the event
            new Edge(REPORT, INVOICE_PAID_CONSUMER, "record_invoice_paid"),
            new Edge(REPORT, "record_invoice_paid", "send_email"));

    record Edge(String service, String parent, String child) {
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("a correctly signed payment.succeeded webhook")
    class SignedWebhook {

        final String studentId = freshUserId();
        final String correlationId = "e2e-" + UUID.randomUUID();
        final String paymentId = "pay-e2e-" + UUID.randomUUID();
        String invoiceId;
        Response webhook;
        Map<LocalDate, WeekStats> teacherStatsBefore;
        Set<String> systemMessagesBefore;

        @BeforeAll
        void payAnInvoiceOfAFreshStudent() {
            teacherStatsBefore = API.teacherStats();
            systemMessagesBefore = API.systemMessageIds(DevTokens.teacher(TEACHER_ID));
            JsonPath invoice = API.createInvoice(studentId);
            invoiceId = invoice.getString("id");
            String body = PaymentNotifications.succeeded(paymentId, invoiceId,
                    invoice.getString("amount.value"), invoice.getString("amount.currency"));

            webhook = API.sendWebhook(body, PaymentNotifications.signedHeaders(body, STACK.webhookSecret()), correlationId);
        }

        @Test
        void isAcceptedWithCorrelationIdAndTraceresponse() {
            assertThat(webhook.statusCode()).as(webhook.asString()).isEqualTo(200);
            assertThat(webhook.jsonPath().getString("invoiceId")).isEqualTo(invoiceId);
            assertThat(webhook.jsonPath().getString("status")).isEqualTo("PAID");
            assertThat(webhook.jsonPath().getBoolean("duplicate")).isFalse();
            assertThat(webhook.header(CORRELATION_HEADER)).isEqualTo(correlationId);
            assertThat(TraceResponseHeader.parse(webhook.header(TraceResponseHeader.NAME))).isNotNull();
        }

        @Test
        void traceHasOneRootTheGatewayServerSpanAndNoBrokenLinks() {
            String traceId = traceId(webhook);
            String gatewaySpanId = traceresponseSpanId(webhook);
            TraceTree received = awaitTrace(traceId, trace -> {
                assertThatTraceIsComplete(trace);
                assertThat(trace.roots()).as("root spans of %s", trace.describe()).hasSize(1);
                SpanData root = trace.roots().get(0);
                assertThat(TraceTree.serviceName(root)).as(trace.describe()).isEqualTo(GATEWAY);
                assertThat(root.getKind()).as(trace.describe()).isEqualTo(SpanKind.SERVER);
                assertThat(root.getSpanId()).as("traceresponse span id names the gateway's server span").isEqualTo(gatewaySpanId);
                assertThat(trace.orphans()).as("spans whose parent is not in the trace: %s", trace.describe()).isEmpty();
            });
            // the tree as received, for whoever reads the build log
            System.out.println("[e2e] payment trace " + traceId + ": " + received.describe());
        }

        @Test
        void gatewayCallsPaymentServiceWithinTheTrace() {
            awaitTrace(traceId(webhook), trace -> {
                List<SpanData> paymentServer = trace.ofKind(PAYMENT, SpanKind.SERVER);
                assertThat(paymentServer).as("payment-service server spans in %s", trace.describe()).hasSize(1);
                SpanData parent = trace.parentOf(paymentServer.get(0)).orElseThrow(
                        () -> new AssertionError("payment-service server span has no parent in " + trace.describe()));
                assertThat(TraceTree.serviceName(parent) + "/" + parent.getKind()).as(trace.describe()).isEqualTo(GATEWAY + "/" + SpanKind.CLIENT);
            });
        }

        @Test
        void kafkaConsumersOfInvoicePaidDescendFromThePaymentProducer() {
            awaitTrace(traceId(webhook), trace -> {
                List<SpanData> producers = trace.messaging(PAYMENT, SpanKind.PRODUCER, INVOICE_PAID_TOPIC);
                assertThat(producers).as("payment-service PRODUCER spans for %s in %s", INVOICE_PAID_TOPIC, trace.describe())
                        .hasSize(1);
                SpanData producer = producers.get(0);
                for (String consumerService : INVOICE_PAID_CONSUMERS) {
                    List<SpanData> consumers = trace.messaging(consumerService, SpanKind.CONSUMER, INVOICE_PAID_TOPIC);
                    assertThat(consumers).as("%s CONSUMER spans for %s in %s", consumerService, INVOICE_PAID_TOPIC, trace.describe())
                            .isNotEmpty();
                    consumers.forEach(consumer -> assertThat(trace.descendsFrom(consumer, producer))
                            .as("%s descends from %s in %s", TraceTree.describe(consumer), TraceTree.describe(producer), trace.describe())
                            .isTrue());
                }
            });
        }

        @Test
        void everySpanCarriesTheSentCorrelationId() {
            awaitTrace(traceId(webhook), trace -> {
                assertThatTraceIsComplete(trace);
                List<String> without = trace.spans().stream()
                        .filter(span -> !correlationId.equals(TraceTree.attributeText(span, CORRELATION_ATTRIBUTE)))
                        .map(span -> TraceTree.describe(span) + " correlation_id=" + TraceTree.attributeText(span, CORRELATION_ATTRIBUTE))
                        .toList();
                assertThat(without).as("spans without correlation_id=%s in %s", correlationId, trace.describe()).isEmpty();
            });
        }

        @Test
        void traceCoversExactlyTheFourServicesByName() {
            awaitTrace(traceId(webhook), trace -> {
                assertThatTraceIsComplete(trace);
                assertThat(trace.spans().stream().map(TraceTree::serviceName).collect(Collectors.toSet()))
                        .as("service.name of the spans of %s", trace.describe())
                        .containsExactlyInAnyOrderElementsOf(E2eStack.SERVICES);
            });
            assertThat(STACK.traces().spans().stream().map(TraceTree::serviceName).collect(Collectors.toSet()))
                    .as("service.name of every span received in this run (no unknown_service)")
                    .isSubsetOf(E2eStack.SERVICES);
        }

        @Test
        void noOtherTraceCarriesTheCorrelationId() {
            String traceId = traceId(webhook);
            awaitTrace(traceId, PaymentTraceE2eTest::assertThatTraceIsComplete);
            // late exports (a relay, a retry) would arrive within the batch delay: watch a while
            await("spans with correlation_id=" + correlationId + " outside trace " + traceId)
                    .during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(STACK.traces().spans().stream()
                            .filter(span -> correlationId.equals(TraceTree.attributeText(span, CORRELATION_ATTRIBUTE)))
                            .filter(span -> !span.getTraceId().equals(traceId))
                            .map(TraceTree::describe)
                            .toList()).isEmpty());
        }

        /**
         * The tokens of this run carry email and name claims, the webhook a signature, the
         * confirmation email an address: none of it may reach a span.
         */
        @Test
        void noSpanAttributeLooksLikePersonalDataOrACredential() {
            awaitTrace(traceId(webhook), trace -> {
                assertThatTraceIsComplete(trace);
                assertThat(trace.named(PAYMENT, "send_email")).as("send_email in %s", trace.describe()).isNotEmpty();
            });
            List<SpanData> received = STACK.traces().spans();

            assertThat(received).hasSizeGreaterThan(20);
            assertThat(received.stream().flatMap(span -> SensitiveValues.in(span).stream()).toList())
                    .as("span attributes that look like an email, a JWT or a bearer token, in %d spans", received.size())
                    .isEmpty();
        }

        @Test
        void paymentSpansFormTheExpectedTree() {
            awaitTrace(traceId(webhook), trace -> {
                List<SpanData> webhookSpans = trace.named(PAYMENT, "process_payment_webhook");
                assertThat(webhookSpans).as("process_payment_webhook in %s", trace.describe()).hasSize(1);
                SpanData paymentServer = trace.ofKind(PAYMENT, SpanKind.SERVER).stream().findFirst().orElseThrow(
                        () -> new AssertionError("no payment-service server span in " + trace.describe()));
                assertThat(trace.descendsFrom(webhookSpans.get(0), paymentServer))
                        .as("process_payment_webhook runs inside the payment-service server span: %s", trace.describe()).isTrue();
                assertEdges(trace, PAYMENT_EDGES);

                SpanData verify = trace.named(PAYMENT, "verify_signature").get(0);
                assertThat(TraceTree.attributeText(verify, "valid")).as(verify.toString()).isEqualTo("true");
                assertThat(verify.getStatus().getStatusCode()).as(verify.toString()).isNotEqualTo(StatusCode.ERROR);

                SpanData email = trace.named(PAYMENT, "send_email").get(0);
                assertThat(TraceTree.attributeText(email, "email.template")).as(email.toString()).isEqualTo("payment-confirmation");
                assertThat(TraceTree.attributeText(email, "email.recipient_id")).as(email.toString()).isEqualTo(studentId);
                assertThat(email.getStatus().getStatusCode()).as(email.toString()).isNotEqualTo(StatusCode.ERROR);
            });
        }

        @Test
        void studentGetsExactlyOneConfirmationEmail() {
            String address = emailOf(studentId);
            await("a confirmation email to student " + studentId).atMost(EFFECT_TIMEOUT).pollInterval(POLL)
                    .until(() -> !STACK.emailsTo(address).isEmpty());
            // once its send_email span is in, the one send has finished: a second email would be a second send
            awaitTrace(traceId(webhook), trace -> assertThat(trace.named(PAYMENT, "send_email"))
                    .as("send_email in %s", trace.describe()).hasSize(1));

            assertThat(STACK.emailsTo(address)).singleElement().satisfies(email -> {
                assertThat(email.getSubject()).startsWith("Payment received");
                assertThat(MailServer.body(email)).contains(invoiceId, paymentId);
            });
            assertThat(STACK.traces().spans().stream().flatMap(span -> span.getAttributes().asMap().values().stream())
                    .map(String::valueOf).filter(value -> value.contains(address)).toList())
                    .as("span attribute values naming %s", address).isEmpty();
        }

        @Test
        void theCoursesTeacherGetsExactlyOneEnrolmentEmailInThePaymentsTrace() {
            String address = GatewayApi.TEACHER_EMAIL;
            await("an enrolment email about invoice " + invoiceId).atMost(EFFECT_TIMEOUT).pollInterval(POLL)
                    .until(() -> enrolmentEmails(address).size() == 1);
            awaitTrace(traceId(webhook), trace -> {
                List<SpanData> emails = trace.named(REPORT, "send_email");
                assertThat(emails).as("report-service's send_email in %s", trace.describe()).hasSize(1);
                assertThat(TraceTree.attributeText(emails.get(0), "email.template")).isEqualTo("enrolment");
                assertThat(TraceTree.attributeText(emails.get(0), "email.recipient_id")).isEqualTo(TEACHER_ID);
                assertThat(emails.get(0).getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
            });
            assertThat(enrolmentEmails(address)).singleElement().satisfies(email -> {
                assertThat(email.getSubject()).isEqualTo("New student in Distributed Tracing 101");
                assertThat(MailServer.body(email)).contains(studentId);
            });
        }

        private List<MimeMessage> enrolmentEmails(String address) {
            return STACK.emailsTo(address).stream().filter(email -> MailServer.body(email).contains(invoiceId)).toList();
        }

        @Test
        void invoiceIsReadBackAsPaidByItsStudentAndByAnAdmin() {
            for (String token : List.of(DevTokens.student(studentId), DevTokens.admin("9001"))) {
                JsonPath invoice = API.invoice(token, invoiceId);

                assertThat(invoice.getString("status")).isEqualTo("PAID");
                assertThat(invoice.getString("studentId")).isEqualTo(studentId);
                assertThat(invoice.getString("providerPaymentId")).isEqualTo(paymentId);
                assertThat(invoice.getString("paidAt")).isNotBlank();
            }
        }

        @Test
        void courseMaterialsAreUnlockedForThePayerOnly() {
            List<Map<String, Object>> payer = API.materials(DevTokens.student(studentId));
            List<Map<String, Object>> other = API.materials(DevTokens.student(freshUserId()));

            assertThat(payer).hasSize(COURSE_MATERIALS).allSatisfy(material -> assertThat(material.get("unlocked")).isEqualTo(true));
            assertThat(other).hasSize(COURSE_MATERIALS).allSatisfy(material -> assertThat(material.get("unlocked")).isEqualTo(false));
        }

        @Test
        void studentJoinsTheCourseRoomWhichGetsASystemMessage() {
            String token = DevTokens.student(studentId);
            await("student " + studentId + " in the course room").atMost(EFFECT_TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
                List<Map<String, Object>> rooms = API.courseRooms(token);
                assertThat(rooms).extracting(room -> room.get("id")).containsExactly(COURSE_ROOM_ID);
                assertThat(rooms.get(0).get("type")).isEqualTo("COURSE");
                assertThat(rooms.get(0).get("courseId")).isEqualTo(COURSE_ID);
                assertThat((List<?>) rooms.get(0).get("memberIds")).map(String::valueOf).contains(studentId, TEACHER_ID);
            });
            await("a new SYSTEM message in the course room").atMost(EFFECT_TIMEOUT).pollInterval(POLL).untilAsserted(() ->
                    assertThat(API.systemMessageIds(token)).as("SYSTEM messages before the payment: %s", systemMessagesBefore)
                            .hasSizeGreaterThan(systemMessagesBefore.size())
                            .containsAll(systemMessagesBefore));
        }

        @Test
        void teacherStatsCountTheInvoice() {
            JsonPath invoice = API.invoice(DevTokens.student(studentId), invoiceId);
            LocalDate week = GatewayApi.weekPaid(invoice);
            WeekStats expected = teacherStatsBefore.getOrDefault(week, WeekStats.NONE)
                    .plus(new BigDecimal(invoice.getString("amount.value")));

            await("teacher " + TEACHER_ID + " stats for the week of " + week).atMost(EFFECT_TIMEOUT).pollInterval(POLL)
                    .untilAsserted(() -> assertThat(API.teacherStats().get(week)).isEqualTo(expected));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("a webhook with a bad signature")
    class BadlySignedWebhook {

        final String studentId = freshUserId();
        final String correlationId = "e2e-bad-" + UUID.randomUUID();
        String invoiceId;
        Response webhook;

        @BeforeAll
        void sendAForgedWebhookForAPendingInvoice() {
            JsonPath invoice = API.createInvoice(studentId);
            invoiceId = invoice.getString("id");
            String body = PaymentNotifications.succeeded("pay-forged-" + UUID.randomUUID(), invoiceId,
                    invoice.getString("amount.value"), invoice.getString("amount.currency"));

            // a current timestamp, signed with the wrong key
            webhook = API.sendWebhook(body, PaymentNotifications.signedHeaders(body, "not-" + STACK.webhookSecret()),
                    correlationId);
        }

        @Test
        void isRejectedWithTheInvalidSignatureErrorBody() {
            assertThat(webhook.statusCode()).as(webhook.asString()).isEqualTo(400);
            assertThat(webhook.header(CORRELATION_HEADER)).isEqualTo(correlationId);
            JsonPath error = webhook.jsonPath();
            assertThat(error.getString("error")).isEqualTo("invalid_signature");
            assertThat(error.getString("message")).isNotBlank();
            assertThat(error.getString("correlationId")).isEqualTo(correlationId);
            assertThat(error.getString("traceId")).isEqualTo(traceId(webhook));
        }

        @Test
        void traceHasAnErrorVerifySignatureSpan() {
            TraceTree received = awaitTrace(traceId(webhook), Set.of(GATEWAY, PAYMENT), trace -> {
                List<SpanData> verify = trace.named(PAYMENT, "verify_signature");
                assertThat(verify).as("verify_signature in %s", trace.describe()).hasSize(1);
                assertThat(verify.get(0).getStatus().getStatusCode()).as(verify.get(0).toString()).isEqualTo(StatusCode.ERROR);
                assertThat(TraceTree.attributeText(verify.get(0), "valid")).as(verify.get(0).toString()).isEqualTo("false");
                assertThat(TraceTree.attributeText(verify.get(0), CORRELATION_ATTRIBUTE)).as(verify.get(0).toString())
                        .isEqualTo(correlationId);
                assertThat(trace.roots()).as(trace.describe()).singleElement()
                        .satisfies(root -> assertThat(TraceTree.serviceName(root)).isEqualTo(GATEWAY));
            });
            System.out.println("[e2e] rejected webhook trace " + traceId(webhook) + ": " + received.describe());
        }

        @Test
        void invoiceStaysPending() {
            JsonPath invoice = API.invoice(DevTokens.student(studentId), invoiceId);

            assertThat(invoice.getString("status")).isEqualTo("PENDING");
            assertThat(invoice.getString("providerPaymentId")).isNull();
            assertThat(invoice.getString("paidAt")).isNull();
        }

        @Test
        void noInvoicePaidEffectFollows() {
            String traceId = traceId(webhook);
            // the rejected request's own spans first, so "nothing else arrives" is not vacuous
            awaitTrace(traceId, Set.of(GATEWAY, PAYMENT),
                    trace -> assertThat(trace.named(PAYMENT, "verify_signature")).as(trace.describe()).isNotEmpty());
            String token = DevTokens.student(studentId);

            await("no effect of the forged webhook").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        TraceTree trace = STACK.traces().trace(traceId);
                        assertThat(trace.messaging(PAYMENT, SpanKind.PRODUCER, INVOICE_PAID_TOPIC)).as(trace.describe()).isEmpty();
                        assertThat(trace.matching(span -> CHAT.equals(TraceTree.serviceName(span)) || REPORT.equals(TraceTree.serviceName(span))))
                                .as(trace.describe()).isEmpty();
                        assertThat(API.courseRooms(token)).as("course rooms of student %s", studentId).isEmpty();
                        assertThat(STACK.emailsTo(emailOf(studentId))).as("emails to student %s", studentId).isEmpty();
                    });
            assertThat(API.materials(token)).allSatisfy(material -> assertThat(material.get("unlocked")).isEqualTo(false));
        }
    }

    // ---- trace assertions ------------------------------------------------------------------

    /** Waits for spans of all four services, then until {@code assertion} holds on the trace (late batches may still land). */
    static TraceTree awaitTrace(String traceId, Consumer<TraceTree> assertion) {
        return awaitTrace(traceId, Set.copyOf(E2eStack.SERVICES), assertion);
    }

    static TraceTree awaitTrace(String traceId, Set<String> services, Consumer<TraceTree> assertion) {
        STACK.traces().awaitTraceWithServices(traceId, services, TRACE_TIMEOUT);
        TraceTree trace = STACK.traces().awaitTraceSatisfying(traceId, assertion, Duration.ofSeconds(10));
        assertThat(STACK.traces().rejectedRequests()).as("OTLP export requests the receiver could not accept").isZero();
        return trace;
    }

    /** The whole flow has been exported: no missing parents and every Kafka consumer's spans are in. */
    static void assertThatTraceIsComplete(TraceTree trace) {
        assertThat(trace.orphans()).as("spans whose parent is not in the trace: %s", trace.describe()).isEmpty();
        for (String consumerService : INVOICE_PAID_CONSUMERS) {
            assertThat(trace.messaging(consumerService, SpanKind.CONSUMER, INVOICE_PAID_TOPIC))
                    .as("%s CONSUMER spans in %s", consumerService, trace.describe()).isNotEmpty();
        }
    }

    /** OpenTelemetry Demo style: every expected child exists once, and its parent is the expected span. */
    static void assertEdges(TraceTree trace, List<Edge> edges) {
        for (Edge edge : edges) {
            List<SpanData> children = trace.named(edge.service(), edge.child());
            assertThat(children).as("%s/%s in %s", edge.service(), edge.child(), trace.describe()).hasSize(1);
            SpanData parent = trace.parentOf(children.get(0)).orElseThrow(() -> new AssertionError(
                    edge.service() + "/" + edge.child() + " has no parent in the trace: " + trace.describe()));
            assertThat(TraceTree.serviceName(parent) + "/" + parent.getName())
                    .as("parent of %s/%s in %s", edge.service(), edge.child(), trace.describe())
                    .isEqualTo(edge.service() + "/" + edge.parent());
        }
    }

    static String traceId(Response response) {
        return TraceResponseHeader.parse(response.header(TraceResponseHeader.NAME)).traceId();
    }

    static String traceresponseSpanId(Response response) {
        return TraceResponseHeader.parse(response.header(TraceResponseHeader.NAME)).spanId();
    }

    @Nested
    @DisplayName("the metrics the dashboards and alerts may use")
    class ExportedMetrics {

        /**
         * infra/deploy-checks only lets dashboards and alert rules use service metrics listed in
         * its service-metrics.txt; this proves that list true against the running services, after
         * the scenarios above have exercised HTTP, PostgreSQL, Redis and Kafka.
         */
        @Test
        void everyListedServiceMetricIsExportedByARunningService() throws Exception {
            Set<String> exported = new java.util.TreeSet<>();
            for (String service : E2eStack.SERVICES) {
                String body = given().baseUri(STACK.serviceUrl(service)).when().get("/q/metrics")
                        .then().statusCode(200).extract().asString();
                body.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .map(line -> line.split("[{ ]", 2)[0])
                        .forEach(exported::add);
            }
            List<String> listed = java.nio.file.Files.readAllLines(
                    STACK.repositoryRootPath().resolve("infra/deploy-checks/src/test/resources/service-metrics.txt")).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();

            assertThat(listed).isNotEmpty();
            assertThat(exported).as("metrics exported by the four services").containsAll(listed);
        }
    }
}
