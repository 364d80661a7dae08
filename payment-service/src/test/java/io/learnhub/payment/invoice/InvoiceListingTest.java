package io.learnhub.payment.invoice;

import static io.learnhub.testing.PaymentNotifications.succeeded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.payment.testsupport.Fixtures;
import io.learnhub.payment.testsupport.Webhooks;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.MailServer;
import io.learnhub.testing.MailServerTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** GET /api/payments/invoices: one's own, newest first, by status; an admin may list anyone's. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InvoiceListingTest {

    private static final String PATH = "/api/payments/invoices";

    @Inject
    Fixtures fixtures;

    @Test
    void studentListsOnlyTheirOwnInvoicesNewestFirst() {
        String student = Fixtures.newStudent();
        UUID older = fixtures.pendingInvoice(student, fixtures.course(1));
        UUID newer = fixtures.pendingInvoice(student, fixtures.course(1));
        fixtures.pendingInvoice(Fixtures.newStudent(), fixtures.course(1));

        List<String> ids = given().auth().oauth2(DevTokens.student(student))
                .when().get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("id");

        assertThat(ids).containsExactly(newer.toString(), older.toString());
    }

    @Test
    void statusFiltersTheList() {
        String student = Fixtures.newStudent();
        UUID paid = fixtures.pendingInvoice(student, fixtures.course(1));
        UUID pending = fixtures.pendingInvoice(student, fixtures.course(1));
        Webhooks.postSigned(succeeded("pay-" + UUID.randomUUID(), paid, "49.00", "RUB")).statusCode(200);

        assertThat(list(DevTokens.student(student), "?status=PAID")).containsExactly(paid.toString());
        assertThat(list(DevTokens.student(student), "?status=PENDING")).containsExactly(pending.toString());
        assertThat(list(DevTokens.student(student), "?status=REFUNDED")).isEmpty();
    }

    @Test
    void limitAndOffsetPage() {
        String student = Fixtures.newStudent();
        UUID first = fixtures.pendingInvoice(student, fixtures.course(1));
        UUID second = fixtures.pendingInvoice(student, fixtures.course(1));
        UUID third = fixtures.pendingInvoice(student, fixtures.course(1));

        assertThat(list(DevTokens.student(student), "?limit=2")).containsExactly(third.toString(), second.toString());
        assertThat(list(DevTokens.student(student), "?limit=2&offset=2")).containsExactly(first.toString());
    }

    @Test
    void adminListsAnyStudentsInvoices() {
        String student = Fixtures.newStudent();
        UUID invoiceId = fixtures.pendingInvoice(student, fixtures.course(1));

        assertThat(list(DevTokens.admin("9001"), "?studentId=" + student)).containsExactly(invoiceId.toString());
    }

    @Test
    void studentCannotListAnotherStudentsInvoices() {
        given().auth().oauth2(DevTokens.student(Fixtures.newStudent()))
                .when().get(PATH + "?studentId=" + Fixtures.newStudent())
                .then().statusCode(403).body("error", is("forbidden"));
    }

    @Test
    void unknownStatusOrBadPageFailsValidation() {
        String token = DevTokens.student(Fixtures.newStudent());
        for (String query : List.of("?status=LOST", "?limit=0", "?limit=101", "?offset=-1")) {
            given().auth().oauth2(token).when().get(PATH + query)
                    .then().statusCode(400).body("error", is("validation_failed"));
        }
    }

    @Test
    void anonymousCannotList() {
        given().when().get(PATH).then().statusCode(401).body("error", is("unauthorized"));
    }

    private static List<String> list(String token, String query) {
        return given().auth().oauth2(token).when().get(PATH + query).then().statusCode(200).extract().jsonPath().getList("id");
    }
}
