package io.learnhub.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;

/** The test profile has the dev sign-in on, as the local run does: a token any service accepts, for any user and role. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class DevSignInTest {

    @Inject
    JWTParser verifier;

    @Test
    void mintsATokenTheSuiteVerifiesForTheChosenUserAndRole() throws Exception {
        Response response = given().contentType("application/json").body("{\"userId\":\"2001\",\"role\":\"teacher\"}")
                .post("/web/dev-sign-in");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getLong("expiresIn")).isEqualTo(3600);
        JsonWebToken token = verifier.parse(response.jsonPath().getString("accessToken"));
        assertThat(token.getSubject()).isEqualTo("2001");
        assertThat(token.getGroups()).containsExactly("teacher");
        assertThat(token.getAudience()).containsExactly("learnhub-api");
        assertThat(token.getIssuer()).isEqualTo("https://auth.learnhub.local/dev");
        assertThat(token.<String> getClaim("email")).isEqualTo("user2001@dev.learnhub.local");
        assertThat(Instant.ofEpochSecond(token.getExpirationTime())).isAfter(Instant.now().plusSeconds(3500));
    }

    @Test
    void theTokenOpensTheApi() {
        String token = given().contentType("application/json").body("{\"userId\":\"2001\",\"role\":\"student\"}")
                .post("/web/dev-sign-in").jsonPath().getString("accessToken");

        given().header("Authorization", "Bearer " + token).get("/api/chat/rooms").then().statusCode(200);
    }

    @Test
    void refusesAnUnknownRoleOrAMalformedUserIdWith400() {
        for (String body : new String[] { "{\"userId\":\"2001\",\"role\":\"root\"}", "{\"userId\":\"20 01\",\"role\":\"student\"}",
                "{\"userId\":\"" + "1".repeat(65) + "\",\"role\":\"student\"}", "{\"role\":\"student\"}" }) {
            Response response = given().contentType("application/json").body(body).post("/web/dev-sign-in");

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.jsonPath().getString("error")).as(body).isEqualTo("validation_failed");
            assertThat(response.jsonPath().getString("traceId")).as(body).hasSize(32);
        }
    }

    @Test
    void frontendSettingsOfferTheDevSignIn() {
        Response settings = given().get("/web/config");

        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.jsonPath().getString("signIn")).isEqualTo("dev");
        assertThat(settings.jsonPath().getString("oidc")).isNull();
        assertThat(settings.jsonPath().getString("telemetry.tracesUrl")).isEqualTo("/web/v1/traces");
        assertThat(settings.jsonPath().getLong("telemetry.exportDelayMillis")).isEqualTo(1000);
    }
}
