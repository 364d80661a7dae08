package io.learnhub.report.weekly;

import static io.learnhub.testing.ExportedSpans.named;
import static io.learnhub.testing.ExportedSpans.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.learnhub.common.persistence.AdvisoryLocks;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.report.testsupport.Events;
import io.learnhub.report.testsupport.Weeks;
import io.learnhub.report.tracing.ReportSpans;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.PrometheusText;
import io.learnhub.testing.SensitiveValues;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WeeklyReportRunTest {

    private static final String ADMIN = DevTokens.admin("9001");

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private final Events events = new Events();
    private final LocalDate week = Weeks.randomPastWeek();
    private final String teacher = "teacher-" + UUID.randomUUID();

    @Test
    void eventsInExactNumbersOutOneReportAndOneEmail() {
        UUID courseId = UUID.randomUUID();
        InvoicePaidRecord rub = InvoicePaidRecord.random().withCourse(courseId, teacher).withStudent("s-1")
                .withAmount("49.00").withPaidAt(Weeks.at(week, 1));
        InvoicePaidRecord usd = InvoicePaidRecord.random().withCourse(courseId, teacher).withStudent("s-2")
                .withAmount("10.00").withCurrency("USD").withPaidAt(Weeks.at(week, 2));
        UUID ownRoom = UUID.randomUUID();
        UUID adminsCourseRoom = UUID.randomUUID();
        UUID repeatedEvent = UUID.randomUUID();
        UUID refund = UUID.randomUUID();
        UUID repeatedMessage = UUID.randomUUID();

        events.awaitProcessed(
                events.invoicePaid(rub),
                events.invoicePaid(rub),                       // redelivered: counted once
                events.invoicePaid(usd),
                events.refunded(refund, rub, Weeks.at(week, 3)),
                events.refunded(refund, rub, Weeks.at(week, 3)),   // redelivered: counted once
                events.invoicePaid(InvoicePaidRecord.random().withCourse(courseId, teacher)
                        .withPaidAt(Weeks.at(week, 9))),      // the week after: not this report's
                events.roomCreated(ownRoom, "GROUP", null, teacher, teacher),
                // an admin's course room names no teacher: it is the course's teacher's
                events.roomCreated(adminsCourseRoom, "COURSE", courseId, "admin-1", null),
                events.userMessage(ownRoom, "s-1", Weeks.at(week, 1)),
                events.userMessage(ownRoom, "s-1", Weeks.at(week, 2)),
                events.userMessage(ownRoom, "s-2", Weeks.at(week, 2)),
                events.userMessage(ownRoom, teacher, Weeks.at(week, 2)),   // a message, not an active student
                events.messageSent(repeatedEvent, repeatedMessage, adminsCourseRoom, "s-3", "USER", Weeks.at(week, 4)),
                events.messageSent(repeatedEvent, repeatedMessage, adminsCourseRoom, "s-3", "USER", Weeks.at(week, 4)),
                events.systemMessage(ownRoom, Weeks.at(week, 1)),          // counts for nobody
                events.userMessage(ownRoom, "s-4", Weeks.at(week, 8)));    // the week after

        RunView run = runAndAwait(week);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.failures()).isZero();

        reportsOf(teacher, week)
                .body("$", hasSize(1))
                .body("[0].teacherId", is(teacher))
                .body("[0].weekStart", is(week.toString()))
                .body("[0].enrolments", is(2))
                .body("[0].refunds", is(1))
                .body("[0].messages", is(5))
                .body("[0].activeStudents", is(3))
                .body("[0].revenue", hasSize(2))
                .body("[0].revenue.find { it.currency == 'RUB' }.revenue", is("49.00"))
                .body("[0].revenue.find { it.currency == 'RUB' }.refunded", is("49.00"))
                .body("[0].revenue.find { it.currency == 'RUB' }.net", is("0.00"))
                .body("[0].revenue.find { it.currency == 'USD' }.net", is("10.00"))
                .body("[0].text", containsString("New enrolments:  2"))
                .body("[0].html", containsString("<th>Active students</th><td>3</td>"))
                .body("[0].runId", is(run.id().toString()));

        // the run sends its emails before it finishes
        List<MimeMessage> reports = weeklyEmailsOf(teacher);
        assertThat(reports).hasSize(1);
        assertThat(subject(reports.get(0))).contains(isoWeek(week)).contains("2 new students");
        assertThat(MailServer.body(reports.get(0))).contains("New enrolments:  2").contains("Active students: 3")
                .contains("text/html");
    }

    @Test
    void aReRunOfTheWeekSendsNoSecondEmail() {
        events.awaitProcessed(events.invoicePaid(paidIn(week)));
        RunView first = runAndAwait(week);
        awaitWeeklyEmails(teacher, 1);

        RunView second = runAndAwait(week);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        reportsOf(teacher, week).body("$", hasSize(1)).body("[0].runId", is(second.id().toString()));
        SpanData regenerated = generateReportSpan(second, teacher);
        assertThat(regenerated.getEvents()).extracting(event -> event.getName()).contains(ReportSpans.EVENT_ALREADY_EMAILED);
        assertThat(weeklyEmailsOf(teacher)).hasSize(1);
    }

    @Test
    void twoConcurrentTriggersStartOneRunAndGetA409() throws Exception {
        events.awaitProcessed(events.invoicePaid(paidIn(week)));
        List<Response> answers;
        try (Connection teachers = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Connection claims = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement teachersLock = teachers.createStatement();
                Statement claimsLock = claims.createStatement()) {
            // the run cannot load its teachers while the test holds the table: it stays RUNNING
            teachers.setAutoCommit(false);
            teachersLock.execute("lock table teachers in access exclusive mode");
            // both claims wait on the claim lock the test holds, then go one after the other
            claims.setAutoCommit(false);
            claimsLock.execute("select pg_advisory_xact_lock(" + AdvisoryLocks.key(WeeklyReportRunner.RUN_LOCK) + ")");
            List<CompletableFuture<Response>> triggers = List.of(trigger(), trigger());
            await("both claims waiting for the lock").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> waitingForAdvisoryLocks(claims) == 2);
            claims.rollback();
            answers = triggers.stream().map(CompletableFuture::join).toList();
            teachers.rollback();
        }

        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(202, 409);
        Response accepted = answers.stream().filter(answer -> answer.statusCode() == 202).findFirst().orElseThrow();
        Response refused = answers.stream().filter(answer -> answer.statusCode() == 409).findFirst().orElseThrow();
        String runId = accepted.jsonPath().getString("id");
        assertThat(refused.jsonPath().getString("error")).isEqualTo("run_in_progress");
        assertThat(refused.jsonPath().getString("message")).contains(runId);
        assertThat(refused.jsonPath().getString("traceId")).isNotBlank();
        assertThat(awaitFinished(UUID.fromString(runId)).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(weeklyEmailsOf(teacher)).hasSize(1);
    }

    private CompletableFuture<Response> trigger() {
        return CompletableFuture.supplyAsync(() -> given().auth().oauth2(ADMIN).queryParam("week", week.toString())
                .when().post("/api/reports/weekly/run").andReturn());
    }

    private static long waitingForAdvisoryLocks(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                        + " and database = (select oid from pg_database where datname = current_database())")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void oneTeachersFailureIsRecordedOnItsSpanAndTheRunGoesOn() throws SQLException {
        String failing = "failing-" + UUID.randomUUID();
        events.awaitProcessed(events.invoicePaid(paidIn(week)),
                events.invoicePaid(InvoicePaidRecord.random().withTeacher(failing).withPaidAt(Weeks.at(week, 2))));
        RunView run;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement sql = connection.createStatement()) {
            sql.execute("""
                    create or replace function refuse_report() returns trigger language plpgsql as $$
                    begin
                        if new.teacher_id = '%s' then raise exception 'report refused for the test'; end if;
                        return new;
                    end $$""".formatted(failing));
            sql.execute("create trigger refuse_report before insert on weekly_reports for each row execute function refuse_report()");
            try {
                run = runAndAwait(week);
            } finally {
                sql.execute("drop trigger refuse_report on weekly_reports");
            }
        }

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failures()).isEqualTo(1);
        SpanData failed = generateReportSpan(run, failing);
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getEvents()).extracting(event -> event.getName()).contains("exception");
        assertThat(generateReportSpan(run, teacher).getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        reportsOf(teacher, week).body("$", hasSize(1));
        awaitWeeklyEmails(teacher, 1);
        SpanData root = ExportedSpans.trace(spans, run.traceId()).named(ReportSpans.SEND_WEEKLY_REPORTS);
        assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(root.getAttributes().get(ReportSpans.REPORT_FAILURES)).isEqualTo(1L);
        assertThat(root.getEvents()).extracting(event -> event.getName()).doesNotContain(ReportSpans.EVENT_ALL_REPORTS_SENT);
    }

    @Test
    void theRunIsItsOwnTraceShapedAsTheCatalogueSays() {
        events.awaitProcessed(events.invoicePaid(paidIn(week)));
        Response answer = given().auth().oauth2(ADMIN).queryParam("week", week.toString())
                .when().post("/api/reports/weekly/run").andReturn();
        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.header("Location")).endsWith("/api/reports/weekly/runs/" + answer.jsonPath().getString("id"));
        RunView run = awaitFinished(UUID.fromString(answer.jsonPath().getString("id")));
        assertThat(answer.jsonPath().getString("traceId")).isEqualTo(run.traceId());

        TraceTree trace = ExportedSpans.awaitTrace(spans, run.traceId(), tree -> tree.find(ReportSpans.SEND_WEEKLY_REPORTS)
                .isPresent() && tree.allNamed(SharedSpans.SEND_EMAIL).stream().anyMatch(email -> teacher.equals(
                        email.getAttributes().get(SharedSpans.EMAIL_RECIPIENT_ID))));
        SpanData root = trace.named(ReportSpans.SEND_WEEKLY_REPORTS);
        assertThat(trace.roots()).containsExactly(root);
        // a new trace, linked to the request that asked for it
        assertThat(root.getLinks()).hasSize(1);
        String requestSpanId = root.getLinks().get(0).getSpanContext().getSpanId();
        SpanData request = ExportedSpans.awaitMatching(spans, 1, named("POST /api/reports/weekly/run")
                .and(span -> span.getSpanId().equals(requestSpanId))).get(0);
        assertThat(request.getTraceId()).isNotEqualTo(root.getTraceId());
        assertThat(root.getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo(run.correlationId());
        assertThat(root.getAttributes().get(ReportSpans.REPORT_RUN_ID)).isEqualTo(run.id().toString());
        assertThat(root.getAttributes().get(ReportSpans.REPORT_WEEK)).isEqualTo(week.toString());
        assertThat(root.getAttributes().get(ReportSpans.REPORT_TRIGGER)).isEqualTo(RunTrigger.MANUAL.name());
        assertThat(root.getAttributes().get(ReportSpans.COUNT)).isEqualTo((long) run.teachers());
        assertThat(root.getAttributes().get(ReportSpans.REPORTS_SENT)).isEqualTo((long) run.reportsSent()).isPositive();
        assertThat(root.getAttributes().get(ReportSpans.REPORT_FAILURES)).isZero();
        assertThat(root.getAttributes().get(SharedSpans.DB_QUERY_COUNT)).isPositive();
        assertThat(root.getEvents()).extracting(event -> event.getName()).contains(ReportSpans.EVENT_ALL_REPORTS_SENT);

        SpanData fetch = trace.named(ReportSpans.FETCH_TEACHERS);
        SpanData process = trace.named(ReportSpans.PROCESS_TEACHERS);
        assertThat(fetch.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(process.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(fetch.getAttributes().get(ReportSpans.COUNT)).isEqualTo((long) run.teachers());
        assertThat(fetch.getAttributes().get(SharedSpans.DB_QUERY_COUNT)).isEqualTo(3L);
        assertThat(process.getAttributes().get(ReportSpans.COUNT)).isEqualTo((long) run.teachers());
        List<SpanData> reports = trace.allNamed(ReportSpans.GENERATE_REPORT);
        assertThat(reports).hasSize(run.teachers()).allSatisfy(report -> {
            assertThat(report.getParentSpanId()).isEqualTo(process.getSpanId());
            assertThat(report.getAttributes().get(ReportSpans.REPORT_SIZE)).isPositive();
        });
        SpanData ours = generateReportSpan(run, teacher);
        SpanData email = trace.children(ours).stream().filter(named(SharedSpans.SEND_EMAIL)).findFirst().orElseThrow();
        assertThat(email.getAttributes().get(SharedSpans.EMAIL_TEMPLATE)).isEqualTo(WeeklyReportRunner.EMAIL_TEMPLATE);
        assertThat(email.getAttributes().get(SharedSpans.EMAIL_RECIPIENT_ID)).isEqualTo(teacher);
        assertThat(trace.spans()).allSatisfy(span -> {
            assertThat(span.getAttributes().get(SharedSpans.CORRELATION_ID)).as(span.getName()).isEqualTo(run.correlationId());
            assertThat(SensitiveValues.in(span)).as(span.getName()).isEmpty();
        });
    }

    @Test
    void teachersStatsLoadInTheSameNumberOfQueriesHoweverManyTeachers() {
        events.awaitProcessed(events.invoicePaid(paidIn(week)));
        long before = fetchTeachersQueries(runAndAwait(week));
        for (int i = 0; i < 5; i++) {
            events.awaitProcessed(events.invoicePaid(InvoicePaidRecord.random().withTeacher("more-" + UUID.randomUUID())
                    .withPaidAt(Weeks.at(week, 3))));
        }
        RunView after = runAndAwait(week);

        assertThat(fetchTeachersQueries(after)).isEqualTo(before).isEqualTo(3L);
    }

    @Test
    void runsAreMeasured() {
        events.awaitProcessed(events.invoicePaid(paidIn(week)));
        runAndAwait(week);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(PrometheusText.sum(metrics, "learnhub_reports_weekly_runs_total", "outcome=\"succeeded\"")).isPositive();
        assertThat(PrometheusText.sum(metrics, "learnhub_reports_weekly_reports_total", "outcome=\"sent\"")).isPositive();
        assertThat(PrometheusText.sum(metrics, "learnhub_reports_weekly_run_duration_seconds_count")).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> PrometheusText.sum(given().when().get("/q/metrics").asString(),
                "learnhub_reports_weekly_last_success_seconds") > Instant.now().minusSeconds(60).getEpochSecond());
    }

    @Test
    void onlyAnAdminMayRunTheJob() {
        given().auth().oauth2(DevTokens.teacher(teacher)).when().post("/api/reports/weekly/run").then().statusCode(403);
        given().when().post("/api/reports/weekly/run").then().statusCode(401);
        given().auth().oauth2(ADMIN).when().get("/api/reports/weekly/runs/" + UUID.randomUUID())
                .then().statusCode(404).body("error", is("not_found"));
    }

    private InvoicePaidRecord paidIn(LocalDate monday) {
        return InvoicePaidRecord.random().withTeacher(teacher).withPaidAt(Weeks.at(monday, 2));
    }

    private RunView runAndAwait(LocalDate monday) {
        Response answer = given().auth().oauth2(ADMIN).queryParam("week", monday.toString())
                .when().post("/api/reports/weekly/run").andReturn();
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(202);
        return awaitFinished(UUID.fromString(answer.jsonPath().getString("id")));
    }

    private RunView awaitFinished(UUID runId) {
        return await("weekly run " + runId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(ADMIN).when().get("/api/reports/weekly/runs/" + runId)
                        .then().statusCode(200).extract().as(RunView.class), run -> run.status() != RunStatus.RUNNING);
    }

    private io.restassured.response.ValidatableResponse reportsOf(String teacherId, LocalDate monday) {
        return given().auth().oauth2(DevTokens.teacher(teacherId)).queryParam("week", monday.toString())
                .when().get("/api/reports/weekly").then().statusCode(200);
    }

    private SpanData generateReportSpan(RunView run, String teacherId) {
        return ExportedSpans.awaitMatching(spans, 1, named(ReportSpans.GENERATE_REPORT)
                .and(with(SharedSpans.TEACHER_ID, teacherId)).and(span -> span.getTraceId().equals(run.traceId()))).get(0);
    }

    private long fetchTeachersQueries(RunView run) {
        return ExportedSpans.awaitMatching(spans, 1, named(ReportSpans.FETCH_TEACHERS)
                .and(span -> span.getTraceId().equals(run.traceId()))).get(0).getAttributes().get(SharedSpans.DB_QUERY_COUNT);
    }

    private List<MimeMessage> awaitWeeklyEmails(String teacherId, int count) {
        return await("weekly emails to " + teacherId).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> weeklyEmailsOf(teacherId), emails -> emails.size() >= count);
    }

    private List<MimeMessage> weeklyEmailsOf(String teacherId) {
        return MailServer.receivedBy(InvoicePaidRecord.teacherEmailOf(teacherId)).stream()
                .filter(message -> subject(message).startsWith("Your LearnHub week " + isoWeek(week)))
                .toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String isoWeek(LocalDate monday) {
        return "%d-W%02d".formatted(monday.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                monday.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
