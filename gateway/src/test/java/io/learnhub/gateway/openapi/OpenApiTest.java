package io.learnhub.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway's /q/openapi is the public API of the three services for frontends: their routes
 * and schemas from the snapshots, the error body, the JWT scheme, the errors the gateway answers
 * itself and the WebSocket, and nothing of the catch-all resource that forwards them.
 */
@QuarkusTest
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private static JsonNode document;

    /** Fetched once; not in a static @BeforeAll, which runs before RestAssured knows the test port. */
    @BeforeEach
    void fetchDocument() throws IOException {
        if (document != null) {
            return;
        }
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        document = JSON.readTree(body);
    }

    @Test
    void everyRouteOfTheServicesIsPublishedAndNoOther() throws IOException {
        Set<String> snapshotRoutes = new TreeSet<>();
        for (String service : ServiceDocuments.SERVICES) {
            snapshotRoutes.addAll(routes(snapshot(service)));
        }

        assertThat(snapshotRoutes).isNotEmpty()
                .contains("POST /api/chat/messages", "POST /api/payments/webhook", "GET /api/reports/stats");
        Set<String> published = routes(document);
        published.remove("GET /ws/chat");
        assertThat(published).isEqualTo(snapshotRoutes);
    }

    @Test
    void theCatchAllResourceIsNotPublished() {
        assertThat(document.path("paths").fieldNames()).toIterable().noneMatch(path -> path.contains("{route"));
    }

    @Test
    void errorBodyAndJwtSchemeArePublished() {
        assertThat(document.at("/components/schemas/ErrorBody/properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("error", "message", "correlationId", "traceId");
        JsonNode jwt = document.at("/components/securitySchemes/jwt");
        assertThat(jwt.path("type").asText()).isEqualTo("http");
        assertThat(jwt.path("scheme").asText()).isEqualTo("bearer");
        assertThat(jwt.path("bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void everyRouteNeedsTheTokenButTheSignedWebhook() {
        document.path("paths").fields().forEachRemaining(path -> operations(path.getValue()).forEach((method, operation) -> {
            String route = method.toUpperCase() + " " + path.getKey();
            if (route.equals("POST /api/payments/webhook")) {
                assertThat(operation.has("security")).as(route).isFalse();
                assertThat(operation.path("parameters").findValuesAsText("name")).as(route)
                        .contains("X-Webhook-Signature", "X-Webhook-Timestamp");
            } else {
                assertThat(operation.path("security").findValues("jwt")).as(route).isNotEmpty();
            }
        }));
    }

    @Test
    void everyErrorOfAForwardedRouteHasTheErrorBodyAndTheGatewaysOwnErrorsAreThere() {
        document.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            operations(path.getValue()).forEach((method, operation) -> {
                String route = method.toUpperCase() + " " + path.getKey();
                JsonNode responses = operation.path("responses");
                assertThat(responses.fieldNames()).toIterable().as(route).contains("500", "502", "504");
                responses.fields().forEachRemaining(response -> {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        assertThat(resolve(response.getValue()).at("/content/application~1json/schema/$ref").asText())
                                .as(route + " " + response.getKey()).isEqualTo("#/components/schemas/ErrorBody");
                    }
                });
            });
        });
        assertThat(document.at("/components/responses/RateLimited/headers").has("Retry-After")).isTrue();
        assertThat(document.at("/components/responses").fieldNames()).toIterable()
                .contains("PayloadTooLarge", "RateLimited", "UpstreamUnavailable", "UpstreamCircuitOpen", "UpstreamTimeout");
    }

    @Test
    void theWebSocketContractIsDescribed() {
        JsonNode upgrade = document.at("/paths/~1ws~1chat/get");
        assertThat(upgrade.path("responses").has("101")).isTrue();
        assertThat(upgrade.at("/x-websocket/subprotocol").asText()).isEqualTo("bearer-token-carrier");
        assertThat(upgrade.path("security").findValues("jwt")).isNotEmpty();
        assertThat(frameTypes("ChatClientFrame")).containsExactlyInAnyOrder("send", "ping");
        assertThat(frameTypes("ChatServerFrame")).containsExactlyInAnyOrder("message", "notification", "sent", "pong", "error");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty()
                .allSatisfy(ref -> assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** The {@code type} values of the frames a oneOf schema names. */
    private static List<String> frameTypes(String schema) {
        List<String> types = new ArrayList<>();
        document.at("/components/schemas/" + schema + "/oneOf").forEach(frame -> types.add(
                resolve(frame).at("/properties/type/enum/0").asText()));
        return types;
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }

    static Set<String> routes(JsonNode openApi) {
        Set<String> routes = new TreeSet<>();
        openApi.path("paths").fields().forEachRemaining(path -> operations(path.getValue())
                .keySet().forEach(method -> routes.add(method.toUpperCase() + " " + path.getKey())));
        return routes;
    }

    private static Map<String, JsonNode> operations(JsonNode pathItem) {
        Map<String, JsonNode> operations = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = pathItem.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (METHODS.contains(field.getKey())) {
                operations.put(field.getKey(), field.getValue());
            }
        }
        return operations;
    }

    private static JsonNode snapshot(String service) throws IOException {
        try (InputStream in = OpenApiTest.class.getClassLoader()
                .getResourceAsStream(ServiceDocuments.SNAPSHOT_DIRECTORY + service + ".json")) {
            assertThat(in).as(service + " snapshot").isNotNull();
            return JSON.readTree(in);
        }
    }
}
