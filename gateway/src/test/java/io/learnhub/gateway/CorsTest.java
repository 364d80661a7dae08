package io.learnhub.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A browser frontend on a configured origin may call the API and read the trace and correlation ids. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class CorsTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    private static final String FRONTEND = "http://localhost:5173";

    @Test
    void preflightFromConfiguredOriginIsAllowed() {
        Response response = given().header("Origin", FRONTEND)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/chat/messages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(response.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization")
                .containsIgnoringCase("content-type");
    }

    @Test
    void preflightAllowsTheTraceAndCorrelationHeadersAFrontendSends() {
        Response response = given().header("Origin", FRONTEND)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "traceparent,tracestate,x-correlation-id")
                .options("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("traceparent")
                .containsIgnoringCase("tracestate").containsIgnoringCase("x-correlation-id");
        assertThat(response.header("Access-Control-Max-Age")).isEqualTo("3600");
    }

    @Test
    void aFrontendCanReadTheGatewaysOwnErrorAnswers() {
        Response response = given().header("Origin", FRONTEND).header("Authorization", STUDENT_BEARER)
                .contentType("application/json").body(new byte[1024 * 1024 + 1])
                .post("/api/chat/messages");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(response.jsonPath().getString("error")).isEqualTo("payload_too_large");
    }

    @Test
    void aRequestFromAnotherOriginIsRefused() {
        given().header("Origin", "https://evil.example").header("Authorization", STUDENT_BEARER)
                .get("/api/chat/rooms")
                .then().statusCode(403);
    }

    @Test
    void frontendCanReadTraceResponseAndCorrelationId() {
        Response response = given().header("Origin", FRONTEND).header("Authorization", STUDENT_BEARER)
                .get("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(response.header("Access-Control-Expose-Headers"))
                .containsIgnoringCase("traceresponse")
                .containsIgnoringCase("X-Correlation-ID")
                .containsIgnoringCase("Retry-After");
    }

    @Test
    void unknownOriginIsRefused() {
        Response response = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/chat/messages");

        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
}
