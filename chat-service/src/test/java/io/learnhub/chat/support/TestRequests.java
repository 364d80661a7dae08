package io.learnhub.chat.support;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/** Authenticated requests, and W3C trace context a test chooses so it can find the request's spans. */
public final class TestRequests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestRequests() {
    }

    public static RequestSpecification as(String userId) {
        return given().auth().oauth2(Jwt.subject(userId).groups("student").sign()).contentType(ContentType.JSON);
    }

    /** A request of the user continuing the given trace, with an explicit correlation id. */
    public static RequestSpecification as(String userId, TraceParent trace, String correlationId) {
        return as(userId).header("traceparent", trace.header()).header("X-Correlation-ID", correlationId);
    }

    /** Creates a room as the user and returns its id. */
    public static UUID createRoom(String userId, String type, UUID courseId, List<String> memberIds) {
        Map<String, Object> body = courseId == null
                ? Map.of("name", "Room " + type, "type", type, "memberIds", memberIds)
                : Map.of("name", "Room " + type, "type", type, "courseId", courseId, "memberIds", memberIds);
        String id = as(userId).body(body)
                .when().post("/api/chat/rooms")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    public static String newCorrelationId() {
        return "test-" + UUID.randomUUID();
    }

    /** A sampled remote parent span: the trace id to look for and the span id the first local span must point to. */
    public record TraceParent(String traceId, String spanId) {

        public static TraceParent random() {
            return new TraceParent(hex(16), hex(8));
        }

        public String header() {
            return "00-" + traceId + "-" + spanId + "-01";
        }

        private static String hex(int bytes) {
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            return HexFormat.of().formatHex(random);
        }
    }
}
