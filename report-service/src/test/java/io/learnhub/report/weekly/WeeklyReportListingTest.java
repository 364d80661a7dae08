package io.learnhub.report.weekly;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.report.testsupport.Events;
import io.learnhub.report.testsupport.Weeks;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.InvoicePaidRecord;
import io.learnhub.testing.MailServerTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WeeklyReportListingTest {

    private static final String ADMIN = DevTokens.admin("9002");

    private final Events events = new Events();
    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();
    private final LocalDate older = Weeks.randomPastWeek();
    private final LocalDate newer = older.plusWeeks(1);

    @BeforeEach
    void twoTeachersWithReportsOfTwoWeeks() {
        events.awaitProcessed(
                events.invoicePaid(InvoicePaidRecord.random().withTeacher(alice).withPaidAt(Weeks.at(older, 1))),
                events.invoicePaid(InvoicePaidRecord.random().withTeacher(bob).withPaidAt(Weeks.at(newer, 1))));
        run(older);
        run(newer);
    }

    @Test
    void aTeacherReadsTheirOwnReportsNewestWeekFirst() {
        given().auth().oauth2(DevTokens.teacher(alice)).when().get("/api/reports/weekly")
                .then().statusCode(200)
                .body("teacherId", everyItem(is(alice)))
                .body("weekStart", hasItems(newer.toString(), older.toString()));
        given().auth().oauth2(DevTokens.teacher(alice)).queryParam("week", older.plusDays(3).toString())
                .when().get("/api/reports/weekly")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].enrolments", is(1));
    }

    @Test
    void aTeacherMayNotReadAnotherTeachersReports() {
        given().auth().oauth2(DevTokens.teacher(alice)).queryParam("teacherId", bob).when().get("/api/reports/weekly")
                .then().statusCode(403).body("error", is("forbidden"));
        given().auth().oauth2(DevTokens.student("s-1")).when().get("/api/reports/weekly").then().statusCode(403);
        given().when().get("/api/reports/weekly").then().statusCode(401);
    }

    @Test
    void anAdminReadsAnyonesFilteredAndPaged() {
        given().auth().oauth2(ADMIN).queryParam("teacherId", bob).queryParam("week", newer.toString())
                .when().get("/api/reports/weekly")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].teacherId", is(bob))
                .body("[0].enrolments", is(1));
        given().auth().oauth2(ADMIN).queryParam("teacherId", bob).queryParam("limit", 1)
                .when().get("/api/reports/weekly")
                .then().statusCode(200)
                .body("weekStart", contains(newer.toString()));
        given().auth().oauth2(ADMIN).queryParam("teacherId", bob).queryParam("limit", 1).queryParam("offset", 1)
                .when().get("/api/reports/weekly")
                .then().statusCode(200)
                .body("weekStart", contains(older.toString()));
        given().auth().oauth2(ADMIN).queryParam("week", newer.toString())
                .when().get("/api/reports/weekly")
                .then().statusCode(200)
                .body("teacherId", hasItems(alice, bob));
    }

    @Test
    void invalidParametersAre400s() {
        given().auth().oauth2(ADMIN).queryParam("limit", 0).when().get("/api/reports/weekly")
                .then().statusCode(400).body("error", is("validation_failed"));
        given().auth().oauth2(ADMIN).queryParam("week", "last-monday").when().get("/api/reports/weekly")
                .then().statusCode(400);
    }

    private static void run(LocalDate week) {
        String id = given().auth().oauth2(ADMIN).queryParam("week", week.toString())
                .when().post("/api/reports/weekly/run")
                .then().statusCode(202).extract().path("id");
        RunStatus status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(ADMIN).when().get("/api/reports/weekly/runs/" + id)
                        .then().extract().as(RunView.class).status(), current -> current != RunStatus.RUNNING);
        assertThat(status).isEqualTo(RunStatus.SUCCEEDED);
    }
}
