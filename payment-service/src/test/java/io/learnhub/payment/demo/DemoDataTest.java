package io.learnhub.payment.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The demo data of docs/contracts.md, as the local run and e2e get it (LEARNHUB_DEMO_DATA=true). */
@QuarkusTest
@TestProfile(DemoDataTest.WithDemoData.class)
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DemoDataTest {

    public static class WithDemoData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("learnhub.demo-data", "true");
        }
    }

    private static final String COURSE = "c0ffee00-0000-4000-8000-000000000001";
    private static final String INVOICE = "c0ffee00-0000-4000-8000-000000000003";

    @Test
    void demoStudentHasPendingInvoiceForDemoCourse() {
        given().auth().oauth2(DevTokens.student("2001"))
                .when().get("/api/payments/invoices/" + INVOICE)
                .then().statusCode(200)
                .body("courseId", is(COURSE))
                .body("studentId", is("2001"))
                .body("amount.value", is("49.00"))
                .body("amount.currency", is("RUB"))
                .body("status", is("PENDING"));
    }

    @Test
    void demoCourseIsInTheCatalogueLockedForTheDemoStudent() {
        given().auth().oauth2(DevTokens.student("2001"))
                .when().get("/api/payments/courses")
                .then().statusCode(200)
                .body("id", contains(COURSE))
                .body("[0].title", is("Distributed Tracing 101"))
                .body("[0].teacherId", is("1001"))
                .body("[0].price.value", is("49.00"))
                .body("[0].price.currency", is("RUB"))
                .body("[0].materialsCount", is(3))
                .body("[0].unlocked", is(false));
    }

    @Test
    void demoCourseHasThreeLockedMaterials() {
        given().auth().oauth2(DevTokens.student("2001"))
                .when().get("/api/payments/courses/" + COURSE + "/materials")
                .then().statusCode(200)
                .body("title", contains("Spans and traces", "Context propagation", "Sampling"))
                .body("unlocked", everyItem(is(false)));
    }
}
