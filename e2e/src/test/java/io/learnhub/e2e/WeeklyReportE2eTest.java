package io.learnhub.e2e;

import static io.learnhub.e2e.E2eStack.REPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.testing.DevTokens;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.PaymentNotifications;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * An admin runs the weekly reports through the gateway: the run is its own trace in
 * report-service, rooted at {@code send_weekly_reports}, and the demo course's teacher receives
 * this week's report, with the payment made just before, over real SMTP.
 */
@DisplayName("Weekly reports run by an admin")
class WeeklyReportE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();
    static final GatewayApi API = new GatewayApi(STACK);

    private static final String ADMIN = DevTokens.admin("9001");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aRunIsOneTraceAndEmailsTheTeacherTheirWeek() {
        String studentId = GatewayApi.freshUserId();
        JsonPath invoice = API.createInvoice(studentId);
        String body = PaymentNotifications.succeeded("pay-weekly-" + studentId, invoice.getString("id"),
                invoice.getString("amount.value"), invoice.getString("amount.currency"));
        Response paid = API.sendWebhook(body, PaymentNotifications.signedHeaders(body, STACK.webhookSecret()), "e2e-weekly");
        assertThat(paid.statusCode()).as(paid.asString()).isEqualTo(200);
        // the payment has reached report-service once the teacher is told about the new student
        await("the enrolment email").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> STACK.emailsTo(GatewayApi.TEACHER_EMAIL).stream()
                        .anyMatch(email -> MailServer.body(email).contains(invoice.getString("id"))));
        LocalDate thisWeek = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

        Response started = API.asUser(ADMIN).queryParam("week", thisWeek.toString()).post("/api/reports/weekly/run");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
        String runId = started.jsonPath().getString("id");
        String traceId = started.jsonPath().getString("traceId");
        String correlationId = started.jsonPath().getString("correlationId");

        JsonPath run = await("weekly run " + runId).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> API.asUser(ADMIN).get("/api/reports/weekly/runs/{id}", runId).then().statusCode(200)
                        .extract().jsonPath(), current -> !"RUNNING".equals(current.getString("status")));
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");

        TraceTree trace = STACK.traces().awaitTraceSatisfying(traceId, tree -> {
            // an assertion, not orElseThrow: the root ends (and is exported) after its children, so it may not be here yet
            assertThat(tree.roots()).as(tree.describe()).hasSize(1);
            SpanData root = tree.roots().get(0);
            assertThat(root.getName()).isEqualTo("send_weekly_reports");
            assertThat(TraceTree.serviceName(root)).isEqualTo(REPORT);
            assertThat(root.getEvents()).extracting(event -> event.getName()).contains("all_reports_sent");
            SpanData report = tree.named(REPORT, "generate_report").stream()
                    .filter(span -> GatewayApi.TEACHER_ID.equals(TraceTree.attributeText(span, "teacher.id")))
                    .findFirst().orElseThrow(() -> new AssertionError("no report of teacher 1001 in " + tree.describe()));
            assertThat(tree.children(report)).extracting(SpanData::getName).contains("send_email");
            assertThat(tree.named(REPORT, "fetch_teachers")).singleElement()
                    .satisfies(fetch -> assertThat(fetch.getParentSpanId()).isEqualTo(root.getSpanId()));
        }, TIMEOUT);
        assertThat(trace.spans()).allSatisfy(span -> {
            assertThat(TraceTree.attributeText(span, "correlation_id")).as(TraceTree.describe(span)).isEqualTo(correlationId);
            assertThat(span.getStatus().getStatusCode()).as(TraceTree.describe(span)).isNotEqualTo(StatusCode.ERROR);
        });

        List<MimeMessage> reports = await("the weekly report email").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> STACK.emailsTo(GatewayApi.TEACHER_EMAIL).stream()
                        .filter(email -> subjectOf(email).startsWith("Your LearnHub week")).toList(), emails -> !emails.isEmpty());
        assertThat(reports).hasSize(1);
        assertThat(MailServer.body(reports.get(0))).contains("New enrolments:");
        System.out.println("[e2e] weekly run " + runId + " trace " + traceId + ": " + trace.describe());
    }

    private static String subjectOf(MimeMessage email) {
        try {
            return email.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
