package io.learnhub.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.learnhub.testing.DevTokens;
import io.learnhub.testing.SensitiveValues;
import io.learnhub.testing.TraceTree;
import io.opentelemetry.api.trace.SpanKind;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Tokens no service may trust, sent to the gateway and to each service directly (a caller inside
 * the cluster bypasses the gateway): every one is a 401 with the common error body.
 */
@DisplayName("Untrustworthy tokens, at the gateway and at every service")
class JwtEdgesE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();

    /** A route of each service that needs a valid token. */
    static Stream<Arguments> routesAndFlaws() {
        String[][] routes = {
                { E2eStack.GATEWAY, "/api/chat/rooms" },
                { E2eStack.CHAT, "/api/chat/rooms" },
                { E2eStack.PAYMENT, "/api/payments/invoices/c0ffee00-0000-4000-8000-000000000003" },
                { E2eStack.REPORT, "/api/reports/stats" } };
        return Stream.of(routes).flatMap(route -> Stream.of(DevTokens.Flaw.values())
                .map(flaw -> Arguments.of(route[0], route[1], flaw)));
    }

    @ParameterizedTest(name = "{0} {1}: {2} token")
    @MethodSource("routesAndFlaws")
    void untrustworthyTokenIsA401WithTheErrorBody(String service, String path, DevTokens.Flaw flaw) {
        String correlationId = "e2e-jwt-" + UUID.randomUUID();
        String token = flaw.token("2001");

        Response response = given().baseUri(STACK.serviceUrl(service))
                .header("Authorization", "Bearer " + token)
                .header("X-Correlation-ID", correlationId)
                .get(path);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(401);
        assertThat(response.header("X-Correlation-ID")).isEqualTo(correlationId);
        JsonPath error = response.jsonPath();
        assertThat(error.getString("error")).isEqualTo("unauthorized");
        assertThat(error.getString("message")).isNotBlank();
        assertThat(error.getString("correlationId")).isEqualTo(correlationId);
        assertThat(error.getString("traceId")).matches("[0-9a-f]{32}");
        // the token's claims (an email, a name) and the token itself must not reach the trace
        TraceTree trace = STACK.traces().awaitTrace(error.getString("traceId"),
                received -> !received.ofKind(service, SpanKind.SERVER).isEmpty(), PaymentTraceE2eTest.TRACE_TIMEOUT);
        assertThat(trace.spans().stream().flatMap(span -> SensitiveValues.in(span).stream()).toList())
                .as("personal data or credentials in %s", trace.describe()).isEmpty();
    }
}
