package io.learnhub.payment.course;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.testing.DevTokens;
import io.learnhub.payment.testsupport.Webhooks;
import io.learnhub.testing.PaymentNotifications;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MaterialResourceTest {

    @Inject
    Fixtures fixtures;

    @Test
    void materialsAreListedInOrderAndLockedBeforePayment() {
        UUID courseId = fixtures.course(3);

        given().auth().oauth2(DevTokens.student("2001"))
                .when().get(path(courseId))
                .then().statusCode(200)
                .body("title", contains("Lesson 1", "Lesson 2", "Lesson 3"))
                .body("unlocked", everyItem(is(false)));
    }

    @Test
    void materialsAreUnlockedForTheStudentWhoPaid() {
        UUID courseId = fixtures.course(3);
        UUID invoiceId = fixtures.pendingInvoice("2001", courseId);
        Webhooks.postSigned(PaymentNotifications.succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB")).statusCode(200);

        given().auth().oauth2(DevTokens.student("2001"))
                .when().get(path(courseId))
                .then().statusCode(200)
                .body("unlocked", contains(true, true, true));
    }

    @Test
    void materialsStayLockedForOtherStudents() {
        UUID courseId = fixtures.course(2);
        UUID invoiceId = fixtures.pendingInvoice("2001", courseId);
        Webhooks.postSigned(PaymentNotifications.succeeded("pay-" + UUID.randomUUID(), invoiceId, "49.00", "RUB")).statusCode(200);

        given().auth().oauth2(DevTokens.student("2002"))
                .when().get(path(courseId))
                .then().statusCode(200)
                .body("unlocked", contains(false, false));
    }

    @Test
    void unknownCourseIsNotFound() {
        given().auth().oauth2(DevTokens.student("2001"))
                .when().get(path(UUID.randomUUID()))
                .then().statusCode(404).body("error", is("not_found"));
    }

    @Test
    void anonymousCannotListMaterials() {
        given().when().get(path(fixtures.course(1)))
                .then().statusCode(401);
    }

    private static String path(UUID courseId) {
        return "/api/payments/courses/" + courseId + "/materials";
    }
}
