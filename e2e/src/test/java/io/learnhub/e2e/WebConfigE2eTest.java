package io.learnhub.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The web frontend as the packaged gateway serves it in production: the page itself, a
 * configuration that sends people to the OpenID Connect issuer, and no dev sign-in.
 */
class WebConfigE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();

    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

    @Test
    void theConfigurationNamesTheIssuerAndTheTraceUi() {
        JsonPath config = given().baseUri(STACK.gatewayUrl())
                .when().get("/web/config")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();

        assertThat(config.getString("signIn")).isEqualTo("oidc");
        assertThat(config.getString("oidc.issuer")).isEqualTo(STACK.oidcIssuer().url());
        assertThat(config.getString("oidc.clientId")).isEqualTo(E2eStack.WEB_CLIENT_ID);
        assertThat(config.getString("oidc.scope")).contains("openid");
        assertThat(config.getString("traceUi.name")).isEqualTo(E2eStack.TRACE_UI_NAME);
        assertThat(config.getString("traceUi.traceUrl")).isEqualTo(E2eStack.TRACE_UI_URL);
        assertThat(config.getString("telemetry.tracesUrl")).isEqualTo("/web/v1/traces");
    }

    @Test
    void productionHasNoDevSignIn() {
        given().baseUri(STACK.gatewayUrl()).contentType(ContentType.JSON)
                .body(Map.of("userId", "2001", "role", "admin"))
                .when().post("/web/dev-sign-in")
                .then().statusCode(404);
    }

    @Test
    void theRootIsThePageThatLoadsTheApp() {
        Response page = given().baseUri(STACK.gatewayUrl()).when().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        List<String> scripts = SCRIPT_TAG.matcher(page.asString()).results().map(match -> match.group(1)).toList();
        assertThat(scripts).as("script tags of the page").anySatisfy(attributes -> assertThat(attributes)
                .containsPattern("\\bsrc\\s*=\\s*[\"']?[^\"'\\s>]*app\\.js\\b"));
    }

    @Test
    void thePageHasNoInlineScript() {
        String page = given().baseUri(STACK.gatewayUrl()).when().get("/").then().statusCode(200).extract().asString();

        Matcher script = SCRIPT_TAG.matcher(page);
        while (script.find()) {
            assertThat(script.group(1)).as("a script under a Content-Security-Policy of 'self': %s", script.group())
                    .containsPattern("\\bsrc\\s*=");
        }
    }
}
