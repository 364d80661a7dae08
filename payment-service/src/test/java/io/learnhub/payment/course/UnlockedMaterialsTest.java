package io.learnhub.payment.course;

import static io.learnhub.common.tracing.SharedSpans.DB_QUERY_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.COURSES_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.LIST_UNLOCKED_MATERIALS;
import static io.learnhub.payment.tracing.PaymentSpans.MATERIALS_COUNT;
import static io.learnhub.testing.PaymentNotifications.succeeded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.TracedRequests;
import io.learnhub.payment.testsupport.Webhooks;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GET /api/payments/materials: every unlocked material, across courses, in a number of queries that does not grow with them. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnlockedMaterialsTest {

    private static final String PATH = "/api/payments/materials";

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void listsThePaidCoursesWithTheirMaterialsInOrder() {
        String student = Fixtures.newStudent();
        UUID paid = fixtures.course(3);
        buy(student, paid);
        fixtures.pendingInvoice(student, fixtures.course(2));

        JsonPath courses = given().auth().oauth2(DevTokens.student(student))
                .when().get(PATH)
                .then().statusCode(200).extract().jsonPath();

        assertThat(courses.getList("courseId")).containsExactly(paid.toString());
        assertThat(courses.getString("[0].title")).isEqualTo("Course " + paid);
        assertThat(courses.getList("[0].materials.title")).containsExactly("Lesson 1", "Lesson 2", "Lesson 3");
    }

    @Test
    void studentWithoutPaidCoursesHasNone() {
        List<Object> courses = given().auth().oauth2(DevTokens.student(Fixtures.newStudent()))
                .when().get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(courses).isEmpty();
    }

    @Test
    void theNumberOfQueriesDoesNotGrowWithTheNumberOfCourses() {
        String oneCourse = Fixtures.newStudent();
        buy(oneCourse, fixtures.course(2));
        String fiveCourses = Fixtures.newStudent();
        for (int i = 0; i < 5; i++) {
            buy(fiveCourses, fixtures.course(3));
        }

        SpanData one = listTraced(oneCourse);
        SpanData five = listTraced(fiveCourses);

        assertThat(one.getAttributes().get(COURSES_COUNT)).isEqualTo(1L);
        assertThat(five.getAttributes().get(COURSES_COUNT)).isEqualTo(5L);
        assertThat(five.getAttributes().get(MATERIALS_COUNT)).isEqualTo(15L);
        assertThat(one.getAttributes().get(DB_QUERY_COUNT)).isEqualTo(1L);
        assertThat(five.getAttributes().get(DB_QUERY_COUNT)).isEqualTo(one.getAttributes().get(DB_QUERY_COUNT));
    }

    @Test
    void queryCountIsTheNumberOfDatabaseSpansUnderTheListing() {
        String student = Fixtures.newStudent();
        buy(student, fixtures.course(2));
        buy(student, fixtures.course(2));

        SpanData listing = listTraced(student);

        List<SpanData> statements = ExportedSpans.awaitTrace(exporter, listing.getTraceId(), LIST_UNLOCKED_MATERIALS)
                .matching(span -> span.getKind() == SpanKind.CLIENT && span.getParentSpanId().equals(listing.getSpanId()));
        assertThat(listing.getAttributes().get(DB_QUERY_COUNT)).isEqualTo((long) statements.size());
    }

    private SpanData listTraced(String student) {
        return TracedRequests.getAsStudent(exporter, PATH, student, LIST_UNLOCKED_MATERIALS);
    }

    private void buy(String student, UUID courseId) {
        UUID invoiceId = fixtures.pendingInvoice(student, courseId);
        Webhooks.postSigned(succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB")).statusCode(200);
    }
}
