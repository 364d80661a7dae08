package io.learnhub.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** As in production: the dev sign-in is off, so its route does not exist, and the frontend signs in at the issuer. */
@QuarkusTest
@TestProfile(OidcSignInTest.IssuerSignIn.class)
class OidcSignInTest {

    public static class IssuerSignIn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("learnhub.gateway.web.dev-sign-in.enabled", "false",
                    "learnhub.gateway.web.oidc.issuer", "https://id.example.com/realms/learnhub",
                    "learnhub.gateway.web.trace-ui.name", "Jaeger",
                    "learnhub.gateway.web.trace-ui.url", "https://jaeger.example.com/trace/{traceId}");
        }
    }

    @Test
    void theDevSignInIsAbsent() {
        given().contentType("application/json").body("{\"userId\":\"2001\",\"role\":\"admin\"}").post("/web/dev-sign-in")
                .then().statusCode(404);
    }

    @Test
    void frontendSettingsNameTheIssuerAndTheTraceUi() {
        Response settings = given().get("/web/config");

        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.jsonPath().getString("signIn")).isEqualTo("oidc");
        assertThat(settings.jsonPath().getString("oidc.issuer")).isEqualTo("https://id.example.com/realms/learnhub");
        assertThat(settings.jsonPath().getString("oidc.clientId")).isEqualTo("learnhub-web");
        assertThat(settings.jsonPath().getString("oidc.scope")).isEqualTo("openid profile email");
        assertThat(settings.jsonPath().getString("traceUi.name")).isEqualTo("Jaeger");
        assertThat(settings.jsonPath().getString("traceUi.traceUrl")).isEqualTo("https://jaeger.example.com/trace/{traceId}");
    }
}
