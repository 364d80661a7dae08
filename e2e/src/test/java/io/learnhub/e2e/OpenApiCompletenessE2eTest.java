package io.learnhub.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway's /q/openapi is built from snapshots of the services' documents: it must describe
 * exactly what the running services serve. Every route a service documents under {@code /api/}
 * must be in the gateway's document with the same parameters, body, security and responses, and
 * every schema the same; the gateway must document no route that no service has. A failure names
 * the routes and schemas, and the command that refreshes the snapshots.
 */
@DisplayName("The gateway's OpenAPI description against the services it forwards to")
class OpenApiCompletenessE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();

    /** Which service the gateway forwards each {@code /api/<prefix>/} to (docs/contracts.md). */
    private static final Map<String, String> SERVICE_BY_PREFIX = Map.of(
            "/api/chat/", E2eStack.CHAT,
            "/api/payments/", E2eStack.PAYMENT,
            "/api/reports/", E2eStack.REPORT);
    /** What an operation of the gateway's document must have exactly as the service has it. */
    private static final List<String> COMPARED = List.of("parameters", "requestBody", "security", "operationId");
    private static final String FIX = "The gateway's snapshots (gateway/src/main/resources/openapi/) are out of date:"
            + " run infra/local/refresh-openapi and commit what it changes.";

    @Test
    void gatewayDocumentsEveryRouteOfEveryServiceAndNoOther() {
        OpenApiDocument gateway = OpenApiDocument.of(STACK.gatewayUrl());
        Map<String, Map<String, Object>> gatewayRoutes = gateway.routes();
        List<String> problems = new ArrayList<>();

        Set<String> servedRoutes = new TreeSet<>();
        for (String service : SERVICE_BY_PREFIX.values()) {
            OpenApiDocument served = OpenApiDocument.of(STACK.serviceUrl(service));
            served.routes().forEach((route, operation) -> {
                if (!route.contains(" /api/")) {
                    return;
                }
                servedRoutes.add(route);
                Map<String, Object> published = gatewayRoutes.get(route);
                if (published == null) {
                    problems.add(route + " of " + service + " is missing from the gateway's document");
                } else {
                    compare(route, operation, published, problems);
                }
            });
            served.schemas().forEach((name, schema) -> {
                if (!Objects.equals(gateway.schemas().get(name), schema)) {
                    problems.add("schema " + name + " of " + service + " differs in the gateway's document: " + schema
                            + " there " + gateway.schemas().get(name));
                }
            });
        }
        gatewayRoutes.keySet().stream()
                .filter(route -> route.contains(" /api/") && !servedRoutes.contains(route))
                .forEach(route -> problems.add(route + " is in the gateway's document, but "
                        + SERVICE_BY_PREFIX.entrySet().stream().filter(prefix -> route.contains(" " + prefix.getKey()))
                                .map(Map.Entry::getValue).findFirst().orElse("no service")
                        + " does not serve it"));

        assertThat(servedRoutes).as("routes the services document").hasSizeGreaterThan(10);
        assertThat(problems).as(FIX).isEmpty();
    }

    @Test
    void productionGatewayServesSwaggerUiAndLeavesTheSandboxOut() {
        given().baseUri(STACK.gatewayUrl()).get("/q/swagger-ui/").then().statusCode(200);

        assertThat(OpenApiDocument.of(STACK.gatewayUrl()).routes().keySet()).contains("GET /ws/chat")
                .noneMatch(route -> route.contains("/sandbox/"));
    }

    /** The parts a frontend relies on; the gateway only adds responses (its own errors) to the service's. */
    @SuppressWarnings("unchecked")
    private static void compare(String route, Map<String, Object> served, Map<String, Object> published, List<String> problems) {
        for (String part : COMPARED) {
            if (!Objects.equals(served.get(part), published.get(part))) {
                problems.add(route + ": " + part + " differs: the service has " + served.get(part) + ", the gateway "
                        + published.get(part));
            }
        }
        Map<String, Object> publishedResponses = (Map<String, Object>) published.getOrDefault("responses", Map.of());
        ((Map<String, Object>) served.getOrDefault("responses", Map.of())).forEach((status, response) -> {
            if (!Objects.equals(response, publishedResponses.get(status))) {
                problems.add(route + ": response " + status + " differs: the service has " + response + ", the gateway "
                        + publishedResponses.get(status));
            }
        });
    }
}
