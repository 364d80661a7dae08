package io.learnhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.learnhub.testing.DevTokens;

/** The browser tests' issuer on its own: the checks a real issuer makes, so a frontend's mistakes fail here too. */
class OidcIssuerTest {

    private static final String CLIENT_ID = "learnhub-web";
    private static final String REDIRECT_URI = "http://localhost:8080/";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern REQUEST_ID = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");

    private static OidcIssuer issuer;

    @BeforeAll
    static void startIssuer() {
        issuer = OidcIssuer.start(CLIENT_ID, Set.of(REDIRECT_URI));
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void discoveryNamesTheEndpointsToAnyOrigin() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer.url() + OidcIssuer.DISCOVERY_PATH))
                .header("Origin", "http://localhost:8080"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        JsonObject discovery = json(response.body());
        assertThat(discovery.getString("issuer")).isEqualTo(issuer.url()).startsWith("http://127.0.0.1:");
        assertThat(discovery.getString("authorization_endpoint")).isEqualTo(issuer.url() + "/authorize");
        assertThat(discovery.getString("token_endpoint")).isEqualTo(issuer.url() + "/token");
        assertThat(discovery.getJsonArray("code_challenge_methods_supported").getString(0)).isEqualTo("S256");
    }

    @Test
    void authorizeAsksForUserIdAndRole() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorizeUri(authorizeQuery(OidcIssuer.challengeOf(verifier())))));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body())
                .contains("id=\"user-id\"", "id=\"sign-in\"", "method=\"post\"")
                .containsPattern("<select id=\"role\"[^>]*>\\s*<option value=\"student\">.*<option value=\"teacher\">.*<option value=\"admin\">");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "client_id, another-client",
            "redirect_uri, http://localhost:8080/elsewhere",
            "redirect_uri, http://evil.example/",
            "response_type, token",
            "state, ''",
            "code_challenge_method, plain",
            "code_challenge, short" })
    void authorizeRefusesAFlawedRequest(String parameter, String value) throws Exception {
        Map<String, String> query = authorizeQuery(OidcIssuer.challengeOf(verifier()));
        query.put(parameter, value);

        HttpResponse<String> page = send(HttpRequest.newBuilder(authorizeUri(query)));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Sign-in refused").doesNotContain("id=\"sign-in\"");
    }

    @Test
    void signInSendsTheBrowserBackWithACodeAndTheState() throws Exception {
        Map<String, String> query = authorizeQuery(OidcIssuer.challengeOf(verifier()));

        URI back = signIn(query, "3301", "teacher");

        assertThat(back.getScheme() + "://" + back.getAuthority() + back.getPath()).isEqualTo(REDIRECT_URI);
        Map<String, String> parameters = OidcIssuer.parameters(back.getRawQuery());
        assertThat(parameters.get("state")).isEqualTo(query.get("state"));
        assertThat(parameters.get("code")).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void theCodeAndItsVerifierBuyADevTokenOfTheUserInTheRole() throws Exception {
        String verifier = verifier();
        String code = code(verifier, "3302", "admin");

        HttpResponse<String> response = exchange(code, verifier);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonObject token = json(response.body());
        assertThat(token.getString("token_type")).isEqualTo("Bearer");
        assertThat(token.getInt("expires_in")).isEqualTo(1800);
        JsonObject claims = json(new String(Base64.getUrlDecoder().decode(token.getString("access_token").split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertThat(claims.getString("sub")).isEqualTo("3302");
        assertThat(claims.getJsonArray("groups").getString(0)).isEqualTo("admin");
        assertThat(claims.getString("iss")).isEqualTo(DevTokens.ISSUER);
    }

    @Test
    void aWrongVerifierIsRefused() throws Exception {
        String code = code(verifier(), "3303", "student");

        HttpResponse<String> response = exchange(code, verifier());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).getString("error")).isEqualTo("invalid_grant");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as("the frontend may read why").hasValue("*");
    }

    @Test
    void aCodeBuysOneTokenOnly() throws Exception {
        String verifier = verifier();
        String code = code(verifier, "3304", "student");
        assertThat(exchange(code, verifier).statusCode()).isEqualTo(200);

        HttpResponse<String> again = exchange(code, verifier);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again.body()).getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void theCodeIsBoundToItsRedirectUri() throws Exception {
        String verifier = verifier();
        String code = code(verifier, "3305", "student");

        HttpResponse<String> response = send(tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "http://localhost:8080/other", "client_id", CLIENT_ID, "code_verifier", verifier)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void theTokenEndpointAnswersTheFrontendsPreflight() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer.url() + OidcIssuer.TOKEN_PATH))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,traceparent"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type,traceparent");
    }

    /** A fresh PKCE verifier: 43 characters of base64url, as the frontend makes it. */
    private static String verifier() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((UUID.randomUUID() + "" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII))
                .substring(0, 43);
    }

    private static Map<String, String> authorizeQuery(String challenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT_ID);
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", "openid profile email");
        query.put("state", UUID.randomUUID().toString());
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        return query;
    }

    private static URI authorizeUri(Map<String, String> query) {
        return URI.create(issuer.url() + OidcIssuer.AUTHORIZE_PATH + "?" + form(query));
    }

    /** The login page, then its form: where the issuer sends the browser back to. */
    private static URI signIn(Map<String, String> query, String userId, String role) throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorizeUri(query)));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher requestId = REQUEST_ID.matcher(page.body());
        assertThat(requestId.find()).as(page.body()).isTrue();
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(issuer.url() + OidcIssuer.AUTHORIZE_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("request", requestId.group(1), "user_id", userId, "role", role)))));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        return URI.create(signedIn.headers().firstValue("Location").orElseThrow());
    }

    private static String code(String verifier, String userId, String role) throws Exception {
        URI back = signIn(authorizeQuery(OidcIssuer.challengeOf(verifier)), userId, role);
        return OidcIssuer.parameters(back.getRawQuery()).get("code");
    }

    private static HttpResponse<String> exchange(String code, String verifier) throws Exception {
        return send(tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "client_id", CLIENT_ID, "code_verifier", verifier)));
    }

    private static HttpRequest.Builder tokenRequest(Map<String, String> form) {
        return HttpRequest.newBuilder(URI.create(issuer.url() + OidcIssuer.TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://localhost:8080")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
