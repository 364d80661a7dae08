package io.learnhub.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.learnhub.testing.DevTokens;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The suite's public API as a browser and the payment provider reach it, through the gateway of
 * the running {@link E2eStack}, with the demo data of docs/contracts.md: the requests the e2e
 * scenarios share, each checking the status it must answer.
 */
final class GatewayApi {

    /** Demo data of docs/contracts.md (Flyway location db/demo). */
    static final String COURSE_ID = "c0ffee00-0000-4000-8000-000000000001";
    static final String COURSE_ROOM_ID = "c0ffee00-0000-4000-8000-000000000002";
    static final String DEMO_INVOICE_ID = "c0ffee00-0000-4000-8000-000000000003";
    static final String DEMO_STUDENT_ID = "2001";
    static final String TEACHER_ID = "1001";
    /** Where the demo course's teacher is notified (docs/contracts.md, "Demo data"). */
    static final String TEACHER_EMAIL = "user1001@dev.learnhub.local";
    static final int COURSE_MATERIALS = 3;

    static final String CORRELATION_HEADER = "X-Correlation-ID";

    private final E2eStack stack;

    GatewayApi(E2eStack stack) {
        this.stack = stack;
    }

    /** A user id no earlier run or test has used: its invoices, rooms and emails are this test's alone. */
    static String freshUserId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L));
    }

    /** The {@code email} claim of the user's {@link DevTokens}: where payment-service sends their emails. */
    static String emailOf(String userId) {
        return "user-" + userId + "@test.learnhub.local";
    }

    RequestSpecification gateway() {
        return new RequestSpecBuilder()
                .setBaseUri(stack.gatewayUrl())
                // the webhook signature covers the exact bytes: no charset appended, nothing re-encoded
                .setConfig(RestAssuredConfig.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .build();
    }

    RequestSpecification asUser(String token) {
        return given().spec(gateway()).auth().oauth2(token);
    }

    /** A new PENDING invoice for the demo course, created by the student with their own token. */
    JsonPath createInvoice(String studentId) {
        JsonPath invoice = asUser(DevTokens.student(studentId))
                .contentType("application/json")
                .body("{\"courseId\":\"" + COURSE_ID + "\"}")
                .post("/api/payments/invoices")
                .then().log().ifValidationFails().statusCode(201)
                .extract().jsonPath();
        assertThat(invoice.getString("status")).isEqualTo("PENDING");
        assertThat(invoice.getString("courseId")).isEqualTo(COURSE_ID);
        return invoice;
    }

    JsonPath invoice(String token, String invoiceId) {
        return asUser(token).get("/api/payments/invoices/{id}", invoiceId)
                .then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath();
    }

    /** The provider's notification with its signature headers ({@code PaymentNotifications.signedHeaders}). */
    Response sendWebhook(String body, Map<String, String> signatureHeaders, String correlationId) {
        return given().spec(gateway())
                .contentType("application/json")
                .header(CORRELATION_HEADER, correlationId)
                .headers(signatureHeaders)
                // the signature covers these exact bytes
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/payments/webhook");
    }

    /** A new GROUP room of the student, with a unique name, its members the student and {@code memberIds}; its id. */
    String createGroupRoom(String studentId, List<String> memberIds) {
        return asUser(DevTokens.student(studentId))
                .contentType("application/json")
                .body(Map.of("name", "e2e " + UUID.randomUUID(), "type", "GROUP", "memberIds", memberIds))
                .post("/api/chat/rooms")
                .then().log().ifValidationFails().statusCode(201)
                .extract().path("id");
    }

    /** A message the student posts to the room over REST; its id. */
    String postMessage(String studentId, String roomId, String body) {
        return asUser(DevTokens.student(studentId))
                .contentType("application/json")
                .body(Map.of("roomId", roomId, "body", body))
                .post("/api/chat/messages")
                .then().log().ifValidationFails().statusCode(201)
                .extract().path("id");
    }

    List<Map<String, Object>> materials(String token) {
        return asUser(token).get("/api/payments/courses/{courseId}/materials", COURSE_ID)
                .then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    List<Map<String, Object>> courseRooms(String token) {
        return asUser(token).queryParam("courseId", COURSE_ID).get("/api/chat/rooms")
                .then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** Ids of the SYSTEM messages of the course room, read by a member. */
    Set<String> systemMessageIds(String memberToken) {
        List<Map<String, Object>> messages = asUser(memberToken).get("/api/chat/rooms/{id}/messages", COURSE_ROOM_ID)
                .then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath().getList("$");
        Set<String> ids = new LinkedHashSet<>();
        for (Map<String, Object> message : messages) {
            if ("SYSTEM".equals(message.get("kind"))) {
                assertThat(message.get("senderId")).as("sender of SYSTEM message %s", message.get("id")).isNull();
                ids.add(String.valueOf(message.get("id")));
            }
        }
        return ids;
    }

    record WeekStats(long paidInvoices, BigDecimal revenue) {
        static final WeekStats NONE = new WeekStats(0, BigDecimal.ZERO);

        /** Equal amounts compare equal whatever their scale (49.0 vs 49.00). */
        WeekStats {
            revenue = revenue.stripTrailingZeros();
        }

        WeekStats plus(BigDecimal amount) {
            return new WeekStats(paidInvoices + 1, revenue.add(amount));
        }
    }

    /** The Monday (UTC) of the week a paid invoice was paid in: the key of its teacher's stats. */
    static LocalDate weekPaid(JsonPath invoice) {
        return OffsetDateTime.parse(invoice.getString("paidAt")).atZoneSameInstant(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Teacher 1001's stats, by ISO week start, read as the teacher. */
    Map<LocalDate, WeekStats> teacherStats() {
        String body = asUser(DevTokens.teacher(TEACHER_ID)).get("/api/reports/stats")
                .then().log().ifValidationFails().statusCode(200)
                .extract().asString();
        List<Map<String, Object>> weeks = new JsonPath(body)
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getList("$");
        Map<LocalDate, WeekStats> stats = new HashMap<>();
        for (Map<String, Object> week : weeks) {
            assertThat(String.valueOf(week.get("teacherId"))).isEqualTo(TEACHER_ID);
            @SuppressWarnings("unchecked")
            Map<String, Object> revenue = (Map<String, Object>) week.get("revenue");
            stats.put(LocalDate.parse(String.valueOf(week.get("weekStart")).substring(0, 10)),
                    new WeekStats(new BigDecimal(String.valueOf(week.get("paidInvoices"))).longValueExact(),
                            new BigDecimal(String.valueOf(revenue.get("value")))));
        }
        return stats;
    }
}
