package io.learnhub.e2e;

import static io.restassured.RestAssured.given;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.restassured.path.json.JsonPath;

/**
 * The OpenAPI description the gateway or a service serves at {@code /q/openapi?format=json}, read as
 * plain JSON: its operations with what the e2e tests ask of them (who may call them, what they
 * answer), and its schemas.
 */
final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String JSON = "application/json";
    private static final String REF_PREFIX = "#/components/schemas/";

    private final Map<String, Object> json;

    private OpenApiDocument(Map<String, Object> json) {
        this.json = json;
    }

    static OpenApiDocument of(String baseUrl) {
        String body = given().baseUri(baseUrl).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        return new OpenApiDocument(JsonPath.from(body).getMap(""));
    }

    /** {@code "GET /api/chat/rooms"} → the operation, in the document's order. */
    Map<String, Map<String, Object>> routes() {
        Map<String, Map<String, Object>> routes = new LinkedHashMap<>();
        map(json, "paths").forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                routes.put(method.toUpperCase() + " " + path, map(operation));
            }
        }));
        return routes;
    }

    /** {@code "GET /api/chat/rooms"} → the operation, in the document's order. */
    Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        routes().forEach((route, operation) -> {
            String[] methodAndPath = route.split(" ", 2);
            operations.put(route, new Operation(methodAndPath[0], methodAndPath[1], operation, this));
        });
        return operations;
    }

    Map<String, Object> schemas() {
        return map(map(json, "components"), "schemas");
    }

    /** A schema, its {@code $ref} followed. */
    Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        return ref instanceof String name && name.startsWith(REF_PREFIX)
                ? map(schemas(), name.substring(REF_PREFIX.length()))
                : schema;
    }

    /** One operation of the document, e.g. {@code GET /api/payments/invoices/{id}}. */
    record Operation(String method, String path, Map<String, Object> json, OpenApiDocument document) {

        String route() {
            return method + " " + path;
        }

        /** The security requirements; an operation without any, or with an empty one ({@code {}}), is public. */
        boolean needsToken() {
            List<Map<String, Object>> requirements = security();
            return !requirements.isEmpty() && requirements.stream().noneMatch(Map::isEmpty);
        }

        /** The roles (scopes of its security requirements) it is restricted to; empty: any signed-in user. */
        Set<String> roles() {
            Set<String> roles = new LinkedHashSet<>();
            security().forEach(requirement -> requirement.values()
                    .forEach(scopes -> ((Collection<?>) scopes).forEach(scope -> roles.add(String.valueOf(scope)))));
            return roles;
        }

        /** The statuses it documents, e.g. {@code 200}, {@code 401}. */
        Set<String> statuses() {
            return map(json, "responses").keySet();
        }

        /** The description of a status it documents; empty when it has none. */
        String description(String status) {
            Object description = map(map(json, "responses"), status).get("description");
            return description == null ? "" : description.toString();
        }

        /** Its parameters (path, query, header), each with {@code name}, {@code in}, {@code schema}. */
        List<Map<String, Object>> parameters() {
            return list(json.get("parameters"));
        }

        /** The JSON schema of its request body, {@code $ref} followed; empty when it takes none. */
        Map<String, Object> bodySchema() {
            return document.resolve(map(map(map(map(json, "requestBody"), "content"), JSON), "schema"));
        }

        /** The gateway's extension for a WebSocket upgrade ({@code x-websocket}). */
        boolean isWebSocket() {
            return json.containsKey("x-websocket");
        }

        private List<Map<String, Object>> security() {
            return list(json.get("security"));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
