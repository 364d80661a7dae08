package io.learnhub.payment.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.testing.Concurrently;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** POST /api/payments/invoices with an Idempotency-Key: a retried request never creates a second invoice. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IdempotentInvoiceCreationTest {

    private static final String PATH = "/api/payments/invoices";

    @Inject
    Fixtures fixtures;

    @Test
    void sameKeyAndBodyAnswerTheSameInvoice() {
        String student = Fixtures.newStudent();
        UUID courseId = fixtures.course(1);
        String key = "key-" + UUID.randomUUID();

        ExtractableResponse<Response> first = create(student, courseId, key);
        ExtractableResponse<Response> repeat = create(student, courseId, key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.<String> path("id")).isEqualTo(first.path("id"));
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(fixtures.invoicesOf(student)).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIsAConflictAndCreatesNothing() {
        String student = Fixtures.newStudent();
        String key = "key-" + UUID.randomUUID();
        create(student, fixtures.course(1), key);

        ExtractableResponse<Response> other = create(student, fixtures.course(1), key);

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.<String> path("error")).isEqualTo("idempotency_key_reused");
        assertThat(other.<String> path("correlationId")).isNotBlank();
        assertThat(fixtures.invoicesOf(student)).isEqualTo(1);
    }

    @Test
    void keysBelongToOneStudent() {
        UUID courseId = fixtures.course(1);
        String key = "key-" + UUID.randomUUID();

        String first = create(Fixtures.newStudent(), courseId, key).path("id");
        String second = create(Fixtures.newStudent(), courseId, key).path("id");

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void withoutAKeyEveryRequestCreatesAnInvoice() {
        String student = Fixtures.newStudent();
        UUID courseId = fixtures.course(1);

        create(student, courseId, null);
        create(student, courseId, null);

        assertThat(fixtures.invoicesOf(student)).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneInvoice() throws Exception {
        String student = Fixtures.newStudent();
        UUID courseId = fixtures.course(1);
        String key = "key-" + UUID.randomUUID();
        List<ExtractableResponse<Response>> responses = Concurrently.run(10, () -> create(student, courseId, key));

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));
        assertThat(responses).extracting(response -> response.<String> path("id")).containsOnly(responses.get(0).<String> path("id"));
        assertThat(fixtures.invoicesOf(student)).isEqualTo(1);
    }

    @Test
    void malformedKeyFailsValidation() {
        given().auth().oauth2(DevTokens.student(Fixtures.newStudent()))
                .header("Idempotency-Key", "has spaces")
                .contentType(ContentType.JSON).body(Map.of("courseId", fixtures.course(1)))
                .when().post(PATH)
                .then().statusCode(400).body("error", is("validation_failed"));
    }

    private static ExtractableResponse<Response> create(String student, UUID courseId, String key) {
        var request = given().auth().oauth2(DevTokens.student(student))
                .contentType(ContentType.JSON).body(Map.of("courseId", courseId));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post(PATH).then().extract();
    }
}
