package io.learnhub.common.testapp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.security.VerifiedTokens;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.SensitiveValues;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class CommonHttpBehaviourTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    InMemorySpanExporter spans;

    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void acceptableInboundCorrelationIdIsUsedEchoedAndStampedOnTheServerSpan() {
        given().header(CorrelationId.HEADER, "probe-1")
                .when().get("/probe/correlation")
                .then().statusCode(200)
                .header(CorrelationId.HEADER, "probe-1")
                .body(equalTo("probe-1"));

        assertThat(serverSpan("probe-1").getAttributes().get(SharedSpans.CORRELATION_ID)).isEqualTo("probe-1");
    }

    @Test
    void unacceptableInboundCorrelationIdIsReplacedByAUuid() {
        String echoed = given().header(CorrelationId.HEADER, "has spaces and <tags>")
                .when().get("/probe/correlation")
                .then().statusCode(200)
                .header(CorrelationId.HEADER, matchesPattern(UUID_PATTERN))
                .extract().header(CorrelationId.HEADER);

        assertThat(serverSpan(echoed)).isNotNull();
    }

    @Test
    void baggageCorrelationIdIsUsedWhenNoHeaderIsSent() {
        given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("baggage", "correlation_id=from-baggage")
                .when().get("/probe/correlation")
                .then().statusCode(200)
                .header(CorrelationId.HEADER, "from-baggage")
                .body(equalTo("from-baggage"));

        SpanData server = serverSpan("from-baggage");
        assertThat(server.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void apiExceptionBecomesTheErrorBody() {
        given().header(CorrelationId.HEADER, "probe-404")
                .when().get("/probe/things/42")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("not_found"))
                .body("message", equalTo("Thing 42 does not exist"))
                .body("correlationId", equalTo("probe-404"))
                .body("traceId", equalTo(serverSpan("probe-404").getTraceId()));
    }

    @Test
    void invalidBodyIsA400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"name\":\"\"}")
                .when().post("/probe/greetings")
                .then().statusCode(400)
                .body("error", equalTo("validation_failed"))
                .body("message", matchesPattern("name: .+"))
                .body("correlationId", matchesPattern(UUID_PATTERN));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON).body("{\"name\":")
                .when().post("/probe/greetings")
                .then().statusCode(400)
                .body("error", equalTo("malformed_json"));
    }

    @Test
    void missingTokenIsA401WithTheErrorBody() {
        given().header(CorrelationId.HEADER, "probe-401")
                .when().get("/probe/secret")
                .then().statusCode(401)
                .header(CorrelationId.HEADER, "probe-401")
                .body("error", equalTo("unauthorized"))
                .body("correlationId", equalTo("probe-401"))
                .body("traceId", not(emptyOrNullString()));
    }

    /**
     * The token's claims (email, name) and the token itself must not reach the trace: Quarkus records
     * every exception of a request on its server span, and the JWT validator's quotes them.
     */
    @ParameterizedTest
    @EnumSource(DevTokens.Flaw.class)
    void rejectedTokenIsA401AndLeavesNothingOfItselfInTheTrace(DevTokens.Flaw flaw) {
        assertRejectedWithoutTrace("probe-token-" + flaw, flaw.token("2001"));
    }

    @Test
    void tokenThatIsNoJwtIsA401AndLeavesNothingOfItselfInTheTrace() {
        assertRejectedWithoutTrace("probe-token-not-a-jwt", "not-a-jwt");
    }

    @Test
    void validDevTokenIsAccepted() {
        given().header("Authorization", "Bearer " + DevTokens.student("2001"))
                .when().get("/probe/secret")
                .then().statusCode(200);
    }

    @Test
    void anAcceptedTokenIsKeptAndItsNextRequestsHaveTheSameCallerAndRoles() {
        String teacher = DevTokens.teacher("cache-probe-teacher");
        assertThat(verifiedTokens.find(teacher)).isEmpty();

        for (int request = 0; request < 2; request++) {
            given().header("Authorization", "Bearer " + teacher)
                    .when().get("/probe/teacher")
                    .then().statusCode(200)
                    .body(equalTo("cache-probe-teacher"));
            assertThat(verifiedTokens.find(teacher)).get()
                    .extracting(JsonWebToken::getSubject).isEqualTo("cache-probe-teacher");
        }
    }

    @Test
    void aKeptTokenIsNotVerifiedAgain() {
        String teacher = DevTokens.teacher("cache-probe-kept");
        given().header("Authorization", "Bearer " + teacher).when().get("/probe/teacher").then().statusCode(200);
        // the same claims under a key no validator would accept: answered from the cache alone
        String unverifiable = teacher.substring(0, teacher.lastIndexOf('.') + 1) + "not-a-signature";
        verifiedTokens.remember(unverifiable, QuarkusSecurityIdentity.builder()
                .setPrincipal(verifiedTokens.find(teacher).orElseThrow()).build());

        given().header("Authorization", "Bearer " + unverifiable)
                .when().get("/probe/teacher")
                .then().statusCode(200)
                .body(equalTo("cache-probe-kept"));
    }

    @Test
    void aKeptTokenStillHasOnlyItsOwnRoles() {
        String student = DevTokens.student("cache-probe-student");
        for (int request = 0; request < 2; request++) {
            given().header("Authorization", "Bearer " + student)
                    .when().get("/probe/teacher")
                    .then().statusCode(403);
        }
        assertThat(verifiedTokens.find(student)).isPresent();
    }

    @Test
    void aRejectedTokenIsNotKept() {
        String expired = DevTokens.expired("cache-probe-expired");
        for (int request = 0; request < 2; request++) {
            given().header("Authorization", "Bearer " + expired)
                    .when().get("/probe/secret")
                    .then().statusCode(401);
        }
        assertThat(verifiedTokens.find(expired)).isEmpty();
    }

    @Test
    void unexpectedErrorIsA500ThatHidesDetailsAndMarksTheSpan() {
        given().header(CorrelationId.HEADER, "probe-500")
                .when().get("/probe/boom")
                .then().statusCode(500)
                .body("error", equalTo("internal_error"))
                .body("message", not(org.hamcrest.Matchers.containsString("hunter2")));

        SpanData server = serverSpan("probe-500");
        assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(server.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }

    private void assertRejectedWithoutTrace(String correlationId, String token) {
        given().header(CorrelationId.HEADER, correlationId).header("Authorization", "Bearer " + token)
                .when().get("/probe/secret")
                .then().statusCode(401)
                .body("error", equalTo("unauthorized"))
                .body("correlationId", equalTo(correlationId));

        SpanData server = serverSpan(correlationId);
        assertThat(server.getEvents()).as("the rejection is recorded").isNotEmpty();
        assertThat(SensitiveValues.in(server)).isEmpty();
        assertThat(server.getEvents()).allSatisfy(event -> assertThat(event.getAttributes().asMap().values())
                .allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(token).doesNotContain("Caused by")));
    }

    /** The server span of the request made with this correlation id (spans of other tests may still arrive). */
    private SpanData serverSpan(String correlationId) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> spans.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER)
                        .filter(span -> correlationId.equals(span.getAttributes().get(SharedSpans.CORRELATION_ID)))
                        .toList(), list -> list.size() == 1)
                .get(0);
    }
}
