package io.learnhub.chat.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceParent;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** chat-service's API as its callers use it, with dev tokens and a trace context the test chooses. */
public final class TestRequests {

    private TestRequests() {
    }

    public static RequestSpecification as(String userId) {
        return withToken(DevTokens.student(userId));
    }

    public static RequestSpecification asAdmin(String userId) {
        return withToken(DevTokens.admin(userId));
    }

    /** A request of the user continuing the given trace, with an explicit correlation id. */
    public static RequestSpecification as(String userId, TraceParent trace, String correlationId) {
        return as(userId).header("traceparent", trace.header()).header("X-Correlation-ID", correlationId);
    }

    /** Creates a GROUP or DIRECT room as the user, optionally about a course, and returns its id. */
    public static UUID createRoom(String userId, String type, UUID courseId, List<String> memberIds) {
        Map<String, Object> body = courseId == null
                ? Map.of("name", "Room " + type, "type", type, "memberIds", memberIds)
                : Map.of("name", "Room " + type, "type", type, "courseId", courseId, "memberIds", memberIds);
        return created(as(userId).body(body));
    }

    /** Creates the course's COURSE room as an admin (the only one who may) and returns its id. */
    public static UUID createCourseRoom(String adminId, UUID courseId, List<String> memberIds) {
        return created(asAdmin(adminId).body(Map.of("name", "Course room", "type", "COURSE", "courseId", courseId,
                "memberIds", memberIds)));
    }

    /**
     * A user id no other test uses: what is queued for a user (pending deliveries) outlives the
     * test that queued it, so socket tests must not share users.
     */
    public static String uniqueUser(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String newCorrelationId() {
        return "test-" + UUID.randomUUID();
    }

    private static UUID created(RequestSpecification request) {
        String id = request.when().post("/api/chat/rooms")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    private static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
