package io.learnhub.report.stats;

import static io.learnhub.common.tracing.SharedSpans.CACHE_HIT;
import static io.learnhub.common.tracing.SharedSpans.CORRELATION_ID;
import static io.learnhub.common.tracing.SharedSpans.INVOICE_ID;
import static io.learnhub.common.tracing.SharedSpans.TEACHER_ID;
import static io.learnhub.testing.ExportedSpans.named;
import static io.learnhub.testing.ExportedSpans.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.common.event.Topics;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.report.tracing.ReportSpans;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.TestKafka;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StatsResourceTest {

    private static final String STATS = "/api/reports/stats";

    @Inject
    InMemorySpanExporter spans;

    private final TestKafka kafka = TestKafka.ofApplication();
    private final String teacherId = "teacher-" + UUID.randomUUID();

    @Test
    void studentIsForbidden() {
        given().auth().oauth2(DevTokens.student("2001"))
                .header("X-Correlation-ID", "corr-student")
                .when().get(STATS)
                .then()
                .statusCode(403)
                .body("error", is("forbidden"))
                .body("message", notNullValue())
                .body("correlationId", is("corr-student"))
                .body("traceId", notNullValue());
    }

    @Test
    void requestWithoutTokenIsUnauthorized() {
        given().when().get(STATS)
                .then()
                .statusCode(401)
                .body("error", is("unauthorized"));
    }

    @Test
    void adminWithoutTeacherIdIsRejected() {
        given().auth().oauth2(DevTokens.admin("9001"))
                .when().get(STATS)
                .then()
                .statusCode(400)
                .body("error", is("validation_failed"))
                .body("correlationId", notNullValue());
    }

    @Test
    void adminReadsTheNamedTeachersStats() {
        recordPaidInvoice("49.00", Instant.now());

        given().auth().oauth2(DevTokens.admin("9001"))
                .queryParam("teacherId", teacherId)
                .when().get(STATS)
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].teacherId", is(teacherId))
                .body("[0].paidInvoices", is(1));
    }

    @Test
    void teacherCannotReadAnotherTeachersStats() {
        given().auth().oauth2(DevTokens.teacher(teacherId))
                .queryParam("teacherId", "someone-else")
                .when().get(STATS)
                .then()
                .statusCode(403)
                .body("error", is("forbidden"));
    }

    @Test
    void weeksAboveFiftyTwoIsRejected() {
        given().auth().oauth2(DevTokens.teacher(teacherId))
                .queryParam("weeks", 53)
                .when().get(STATS)
                .then()
                .statusCode(400)
                .body("error", is("validation_failed"))
                .body("message", is("weeks: must be less than or equal to 52"));
    }

    @Test
    void weeksLimitsHowFarBackStatsGo() {
        recordPaidInvoice("49.00", Instant.now().minus(21, ChronoUnit.DAYS));

        statsAsTeacher(2).then().statusCode(200).body("$", hasSize(0));
        statsAsTeacher(4).then().statusCode(200).body("$", hasSize(1)).body("[0].paidInvoices", is(1));
    }

    @Test
    void secondReadOfTheSameStatsIsServedFromTheCache() {
        String correlationId = "corr-" + UUID.randomUUID();
        for (int read = 0; read < 2; read++) {
            given().auth().oauth2(DevTokens.teacher(teacherId))
                    .header("X-Correlation-ID", correlationId)
                    .when().get(STATS)
                    .then().statusCode(200);
        }

        List<SpanData> cacheReads = ExportedSpans.awaitMatching(spans, 2,
                named(ReportSpans.READ_STATS_CACHE).and(with(TEACHER_ID, teacherId)));
        assertThat(cacheReads).extracting(span -> span.getAttributes().get(CACHE_HIT)).containsExactly(false, true);
        assertThat(cacheReads).allSatisfy(span -> {
            assertThat(span.getAttributes().get(CORRELATION_ID)).isEqualTo(correlationId);
            assertThat(span.getParentSpanContext().isValid()).isTrue();
        });
    }

    @Test
    void newPaidInvoiceEvictsTheCachedStats() {
        statsAsTeacher(12).then().statusCode(200).body("$", hasSize(0));

        recordPaidInvoice("49.00", Instant.now());

        statsAsTeacher(12).then().statusCode(200).body("$", hasSize(1)).body("[0].paidInvoices", is(1));
        List<SpanData> cacheReads = ExportedSpans.awaitMatching(spans, 2,
                named(ReportSpans.READ_STATS_CACHE).and(with(TEACHER_ID, teacherId)));
        assertThat(cacheReads).extracting(span -> span.getAttributes().get(CACHE_HIT)).containsExactly(false, false);
    }

    /** Publishes an invoice-paid event for this test's teacher and waits until the consumer has committed it. */
    private void recordPaidInvoice(String amount, Instant paidAt) {
        InvoicePaidRecord paid = InvoicePaidRecord.random().withTeacher(teacherId).withAmount(amount).withPaidAt(paidAt);
        kafka.send(Topics.INVOICE_PAID, paid.key(), paid.json());
        ExportedSpans.awaitMatching(spans, 1, named(ReportSpans.RECORD_INVOICE_PAID).and(with(INVOICE_ID, paid.invoiceId().toString())));
    }

    private io.restassured.response.Response statsAsTeacher(int weeks) {
        return given().auth().oauth2(DevTokens.teacher(teacherId))
                .queryParam("weeks", weeks)
                .when().get(STATS);
    }
}
