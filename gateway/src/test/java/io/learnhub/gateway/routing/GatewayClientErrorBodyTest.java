package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * What the gateway refuses itself, before or beside the proxy, carries the error body like every
 * service's answers: a foreign origin (Quarkus' CORS filter), the {@code /ws/chat} upgrade without
 * a token (an HTTP permission, outside Quarkus REST), an over-long request line or headers, a
 * method no route has.
 */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class GatewayClientErrorBodyTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @Test
    void aRequestFromAnotherOriginIsA403WithTheErrorBody() {
        assertErrorBody(given().header("Origin", "https://evil.example").header("Authorization", STUDENT_BEARER)
                .get("/api/chat/rooms").then(), 403, "forbidden");
    }

    @Test
    void aRequestFromAConfiguredOriginStillPasses() {
        given().header("Origin", "http://localhost:5173").header("Authorization", STUDENT_BEARER)
                .get("/api/chat/rooms").then().statusCode(200);
    }

    @Test
    void anUpgradeWithoutTokenIsA401WithTheErrorBody() {
        assertErrorBody(given().header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "MDEyMzQ1Njc4OWFiY2RlZg==")
                .get("/ws/chat").then(), 401, "unauthorized");
    }

    @Test
    void anUpgradeOfAnotherWebSocketVersionIsA426WithTheErrorBody() {
        assertErrorBody(given().header("Authorization", STUDENT_BEARER).header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "8").header("Sec-WebSocket-Key", "MDEyMzQ1Njc4OWFiY2RlZg==")
                .get("/ws/chat").then(), 426, "upgrade_required")
                .header("Sec-WebSocket-Version", "13");
    }

    @Test
    void anUpgradeWithAMalformedKeyIsA400WithTheErrorBody() {
        assertErrorBody(given().header("Authorization", STUDENT_BEARER).header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "not base64!")
                .get("/ws/chat").then(), 400, "bad_request");
    }

    @Test
    void anOverlongRequestLineIsA414WithTheErrorBody() {
        assertErrorBody(given().header("Authorization", STUDENT_BEARER).queryParam("q", "x".repeat(5_000))
                .get("/api/chat/rooms").then(), 414, "uri_too_long");
    }

    @Test
    void oversizedHeadersAreA431WithTheErrorBody() {
        assertErrorBody(given().header("Authorization", STUDENT_BEARER).header("traceparent", "0".repeat(25_000))
                .get("/api/chat/rooms").then(), 431, "headers_too_large");
    }

    @Test
    void aMethodNoRouteHasIsA405WithTheErrorBody() {
        assertErrorBody(given().header("Authorization", STUDENT_BEARER).request("PROPFIND", "/api/chat/rooms").then(),
                405, "method_not_allowed");
    }

    private static ValidatableResponse assertErrorBody(ValidatableResponse response, int status, String error) {
        return response.statusCode(status)
                .contentType(ContentType.JSON)
                .body("error", equalTo(error))
                .body("correlationId", not(emptyOrNullString()))
                .body("$", hasKey("traceId"));
    }
}
