package io.learnhub.payment.course;

import static io.learnhub.common.tracing.SharedSpans.DB_QUERY_COUNT;
import static io.learnhub.common.tracing.SharedSpans.USER_ID;
import static io.learnhub.payment.tracing.PaymentSpans.COURSES_COUNT;
import static io.learnhub.payment.tracing.PaymentSpans.LIST_COURSES;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.TracedRequests;
import io.learnhub.payment.testsupport.Webhooks;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.MailServerTestResource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * GET /api/payments/courses: the catalogue, each course flagged unlocked once the caller has paid
 * for it, in a number of queries that does not grow with the courses. Courses made here are titled
 * "A…", so that they come before the other tests' ("Course …") under the cap.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CourseCatalogueTest {

    private static final String PATH = "/api/payments/courses";

    @Inject
    Fixtures fixtures;

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void anonymousCannotListCourses() {
        given().when().get(PATH)
                .then().statusCode(401);
    }

    @Test
    void listsACourseWithItsTeacherPriceAndNumberOfMaterials() {
        String title = uniqueTitle();
        UUID courseId = fixtures.course(title, 3);

        Map<String, Object> course = course(catalogue(Fixtures.newStudent()), courseId);

        assertThat(course).containsEntry("title", title)
                .containsEntry("teacherId", Fixtures.TEACHER)
                .containsEntry("price", Map.of("value", "49.00", "currency", "RUB"))
                .containsEntry("materialsCount", 3)
                .containsEntry("unlocked", false);
    }

    @Test
    void courseIsUnlockedOnceTheCallerHasPaidForIt() {
        String student = Fixtures.newStudent();
        UUID courseId = fixtures.course(uniqueTitle(), 2);
        UUID invoiceId = fixtures.pendingInvoice(student, courseId);
        assertThat(course(catalogue(student), courseId)).containsEntry("unlocked", false);

        Webhooks.pay(invoiceId);

        assertThat(course(catalogue(student), courseId)).containsEntry("unlocked", true);
    }

    @Test
    void courseStaysLockedForOtherStudents() {
        UUID courseId = fixtures.course(uniqueTitle(), 2);
        Webhooks.pay(fixtures.pendingInvoice(Fixtures.newStudent(), courseId));

        assertThat(course(catalogue(Fixtures.newStudent()), courseId)).containsEntry("unlocked", false);
    }

    @Test
    void coursesAreOrderedByTitleThenId() {
        String title = uniqueTitle();
        UUID second = fixtures.course(title + " b", 1);
        UUID firstA = fixtures.course(title + " a", 1);
        UUID firstB = fixtures.course(title + " a", 1);
        // PostgreSQL orders uuids as their text does (Java's UUID.compareTo does not)
        List<String> sameTitle = Stream.of(firstA, firstB).map(UUID::toString).sorted().toList();

        List<String> ids = catalogue(Fixtures.newStudent()).getList("id", String.class);

        assertThat(ids).containsSubsequence(sameTitle.get(0), sameTitle.get(1), second.toString());
    }

    @Test
    void theCatalogueStopsAt200Courses() {
        String capped = "Zz capped " + UUID.randomUUID() + " ";
        try {
            for (int i = 0; i < 201; i++) {
                fixtures.course(capped + i, 0);
            }

            List<String> ids = catalogue(Fixtures.newStudent()).getList("id", String.class);

            assertThat(ids).containsExactlyElementsOf(fixtures.courseIdsByTitle(200));
        } finally {
            fixtures.deleteCourses(capped);
        }
    }

    @Test
    void theNumberOfQueriesDoesNotGrowWithTheNumberOfCourses() {
        String student = Fixtures.newStudent();
        Webhooks.pay(fixtures.pendingInvoice(student, fixtures.course(uniqueTitle(), 2)));
        SpanData before = listTraced(student);

        for (int i = 0; i < 5; i++) {
            UUID courseId = fixtures.course(uniqueTitle(), 3);
            if (i % 2 == 0) {
                Webhooks.pay(fixtures.pendingInvoice(student, courseId));
            }
        }
        SpanData after = listTraced(student);

        assertThat(after.getAttributes().get(USER_ID)).isEqualTo(student);
        assertThat(after.getAttributes().get(COURSES_COUNT)).isEqualTo(before.getAttributes().get(COURSES_COUNT) + 5);
        assertThat(before.getAttributes().get(DB_QUERY_COUNT)).isEqualTo(1L);
        assertThat(after.getAttributes().get(DB_QUERY_COUNT)).isEqualTo(before.getAttributes().get(DB_QUERY_COUNT));
    }

    private static String uniqueTitle() {
        return "A catalogue " + UUID.randomUUID();
    }

    private static JsonPath catalogue(String student) {
        return given().auth().oauth2(DevTokens.student(student))
                .when().get(PATH)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> course(JsonPath catalogue, UUID courseId) {
        return catalogue.param("id", courseId.toString()).getMap("find { it.id == id }");
    }

    private SpanData listTraced(String student) {
        return TracedRequests.getAsStudent(exporter, PATH, student, LIST_COURSES);
    }
}
