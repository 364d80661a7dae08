package io.learnhub.payment.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InvoiceResourceTest {

    private static final String PATH = "/api/payments/invoices";

    @Inject
    Fixtures fixtures;

    @Test
    void studentGetsPendingInvoiceAtCoursePrice() {
        UUID courseId = fixtures.course(1);

        String id = given().auth().oauth2(DevTokens.student("2001"))
                .contentType(ContentType.JSON).body(Map.of("courseId", courseId))
                .when().post(PATH)
                .then().statusCode(201)
                .body("courseId", is(courseId.toString()))
                .body("studentId", is("2001"))
                .body("amount.value", is("49.00"))
                .body("amount.currency", is("RUB"))
                .body("status", is("PENDING"))
                .body("providerPaymentId", nullValue())
                .body("paidAt", nullValue())
                .extract().path("id");

        assertThat(fixtures.invoice(UUID.fromString(id)).status()).isEqualTo("PENDING");
    }

    @Test
    void createdInvoiceIsLocatedUnderItsId() {
        var response = given().auth().oauth2(DevTokens.student("2001"))
                .contentType(ContentType.JSON).body(Map.of("courseId", fixtures.course(1)))
                .when().post(PATH)
                .then().statusCode(201)
                .extract();

        assertThat(response.header("Location")).endsWith(PATH + "/" + response.path("id"));
    }

    @Test
    void invoiceForUnknownCourseIsNotFound() {
        given().auth().oauth2(DevTokens.student("2001"))
                .contentType(ContentType.JSON).body(Map.of("courseId", UUID.randomUUID()))
                .when().post(PATH)
                .then().statusCode(404).body("error", is("not_found"));
    }

    @Test
    void invoiceWithoutCourseFailsValidation() {
        given().auth().oauth2(DevTokens.student("2001"))
                .contentType(ContentType.JSON).body("{}")
                .when().post(PATH)
                .then().statusCode(400).body("error", is("validation_failed"));
    }

    @Test
    void teacherCannotCreateInvoice() {
        given().auth().oauth2(DevTokens.teacher("1001"))
                .contentType(ContentType.JSON).body(Map.of("courseId", fixtures.course(1)))
                .when().post(PATH)
                .then().statusCode(403).body("error", is("forbidden"));
    }

    @Test
    void anonymousCannotCreateInvoice() {
        given().contentType(ContentType.JSON).body(Map.of("courseId", fixtures.course(1)))
                .when().post(PATH)
                .then().statusCode(401).body("error", is("unauthorized"));
    }

    @Test
    void studentReadsOwnInvoice() {
        UUID invoiceId = fixtures.pendingInvoice("2001", fixtures.course(1));

        given().auth().oauth2(DevTokens.student("2001"))
                .when().get(PATH + "/" + invoiceId)
                .then().statusCode(200)
                .body("id", is(invoiceId.toString()))
                .body("status", is("PENDING"));
    }

    @Test
    void otherStudentCannotSeeInvoice() {
        UUID invoiceId = fixtures.pendingInvoice("2001", fixtures.course(1));

        given().auth().oauth2(DevTokens.student("2002"))
                .when().get(PATH + "/" + invoiceId)
                .then().statusCode(404).body("error", is("not_found"));
    }

    @Test
    void adminReadsAnyInvoice() {
        UUID invoiceId = fixtures.pendingInvoice("2001", fixtures.course(1));

        given().auth().oauth2(DevTokens.admin("9001"))
                .when().get(PATH + "/" + invoiceId)
                .then().statusCode(200).body("studentId", is("2001"));
    }
}
