package io.learnhub.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.learnhub.e2e.OpenApiDocument.Operation;
import io.learnhub.testing.DevTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what, from the gateway's OpenAPI description: every operation that needs a bearer
 * token is called with no token, an expired one, one signed by another key, one with
 * {@code alg: none}, one of another issuer, a valid one of a role the operation does not list, and a
 * valid one of a user of the right role naming another user's object; each at the gateway and at
 * the service that owns the route, called directly as a caller inside the cluster would. Every call
 * must be refused with the status docs/contracts.md gives (401 {@code unauthorized}, 403
 * {@code forbidden}, the owner's object as the contract hides it), a status the document declares
 * for the operation, and the common error body.
 *
 * <p>Nothing here lists routes: operations come from the documents, the service owning a route from
 * the service's own document, the roles from the operations' security scopes. What the test cannot
 * classify (a route no service documents, a parameter naming an object of an unknown kind, a public
 * operation without a stated reason) fails with a message saying so.
 */
@DisplayName("Authorization matrix: every operation that needs a token, at the gateway and at its service")
class AuthorizationMatrixE2eTest {

    @RegisterExtension
    static final E2eStack STACK = new E2eStack();

    private static final String CORRELATION_HEADER = "X-Correlation-ID";
    private static final String TRACE_ID = "[0-9a-f]{32}";
    private static final String API_ROOT = "/api/";
    private static final String UNAUTHORIZED = "unauthorized";
    private static final String FORBIDDEN = "forbidden";
    /** The cases of the matrix; "wrong role" and "another user's object" only where an operation has them. */
    private static final int CASES = 7;

    /**
     * What a parameter or body field names, by its name ({@code roomId}, or the collection before a
     * path's {@code {id}}): whose it is, and what a user who may not see it gets (docs/contracts.md).
     */
    private enum ObjectKind {
        ROOM(403, "not_member", "a chat room, its members' only (the contract answers `not_member`)"),
        INVOICE(404, "not_found", "an invoice, its student's and the admins' only; others get the 404 of a missing one"),
        STUDENT(403, FORBIDDEN, "a student, whose invoices only they and the admins may list"),
        TEACHER(403, FORBIDDEN, "a teacher, whose stats and reports only they and the admins may read"),
        COURSE(0, null, "the course catalogue, which every user reads: no one's own"),
        RUN(0, null, "a weekly report run, of admins only, who see every run: refused to others by role");

        private final int deniedStatus;
        private final String deniedError;
        private final String what;

        ObjectKind(int deniedStatus, String deniedError, String what) {
            this.deniedStatus = deniedStatus;
            this.deniedError = deniedError;
            this.what = what;
        }

        boolean isOwned() {
            return deniedStatus != 0;
        }

        static Optional<ObjectKind> named(String name) {
            return Stream.of(values()).filter(kind -> kind.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    /** Where a cell is sent: the gateway, or the service that owns the route, called directly. */
    private record Target(String name, String url, Operation operation) {
    }

    /** A parameter or body field that names an object, e.g. the path parameter {@code id} naming an invoice. */
    private record ObjectReference(String in, String name, ObjectKind kind) {
    }

    private static final GatewayApi API = new GatewayApi(STACK);
    /** Another user's objects, and the ids of the others: by kind. */
    private static final Map<ObjectKind, String> OBJECTS = new TreeMap<>();
    private static final AtomicInteger CELLS = new AtomicInteger();
    private static final AtomicInteger DENIED = new AtomicInteger();
    /** The signed public operations' own check: a wrong signature. */
    private static final AtomicInteger SIGNATURE_CELLS = new AtomicInteger();
    private static final AtomicInteger SIGNATURES_REFUSED = new AtomicInteger();
    private static final Set<String> SECURED = new TreeSet<>();
    private static Instant started;

    @BeforeAll
    static void createAnotherUsersObjects() {
        started = Instant.now();
        String owner = GatewayApi.freshUserId();
        OBJECTS.put(ObjectKind.ROOM, API.createGroupRoom(owner, List.of()));
        OBJECTS.put(ObjectKind.INVOICE, API.createInvoice(owner).getString("id"));
        OBJECTS.put(ObjectKind.STUDENT, owner);
        OBJECTS.put(ObjectKind.TEACHER, GatewayApi.TEACHER_ID);
        OBJECTS.put(ObjectKind.COURSE, GatewayApi.COURSE_ID);
        OBJECTS.put(ObjectKind.RUN, UUID.randomUUID().toString());
    }

    @AfterAll
    static void printSummary() {
        int cells = CELLS.get();
        int denied = DENIED.get();
        System.out.printf("[reliability] authorization matrix: %d operations × %d cases × {gateway, direct}: %d cells, %s;"
                + " signed public operations: %d of %d wrong signatures refused as documented (%d ms)%n",
                SECURED.size(), CASES, cells,
                denied == cells ? "all denied as documented" : (cells - denied) + " NOT denied as documented",
                SIGNATURES_REFUSED.get(), SIGNATURE_CELLS.get(), Duration.between(started, Instant.now()).toMillis());
    }

    @TestFactory
    Stream<DynamicNode> everyOperationThatNeedsATokenRefusesEveryoneItShouldAsDocumented() {
        OpenApiDocument gateway = OpenApiDocument.of(STACK.gatewayUrl());
        Map<String, Map<String, Operation>> byService = new LinkedHashMap<>();
        E2eStack.SERVICES.stream().filter(service -> !service.equals(E2eStack.GATEWAY))
                .forEach(service -> byService.put(service, OpenApiDocument.of(STACK.serviceUrl(service)).operations()));
        Set<String> roles = new TreeSet<>();
        Stream.concat(Stream.of(gateway.operations()), byService.values().stream())
                .flatMap(operations -> operations.values().stream())
                .forEach(operation -> roles.addAll(operation.roles()));

        // every operation of the gateway, and those of the services under /api/ (which the gateway forwards)
        Set<String> routes = new LinkedHashSet<>(gateway.operations().keySet());
        byService.values().forEach(operations -> operations.keySet().stream()
                .filter(route -> route.contains(" " + API_ROOT)).forEach(routes::add));

        List<DynamicNode> nodes = new ArrayList<>();
        List<String> publicOperations = new ArrayList<>();
        for (String route : routes) {
            List<String> owners = byService.entrySet().stream()
                    .filter(service -> service.getValue().containsKey(route)).map(Map.Entry::getKey).toList();
            Operation documented = Optional.ofNullable(gateway.operations().get(route))
                    .orElseGet(() -> byService.get(owners.get(0)).get(route));
            List<Target> targets = new ArrayList<>();
            if (route.contains(" " + API_ROOT) || gateway.operations().containsKey(route)) {
                targets.add(new Target(E2eStack.GATEWAY, STACK.gatewayUrl(),
                        gateway.operations().getOrDefault(route, documented)));
            }
            owners.forEach(owner -> targets.add(new Target(owner + " direct", STACK.serviceUrl(owner), byService.get(owner).get(route))));

            if (route.contains(" " + API_ROOT) && owners.size() != 1) {
                nodes.add(unclassified(route, owners.isEmpty()
                        ? "the gateway documents it under " + API_ROOT + " but no service's /q/openapi does: which service"
                                + " serves it? (run infra/local/refresh-openapi, or remove the route)"
                        : "several services document it: " + owners));
            } else if (!documented.needsToken()) {
                publicOperation(documented, targets, publicOperations, nodes);
            } else {
                nodes.add(matrix(documented, targets, roles));
            }
        }
        System.out.println("[reliability] authorization matrix: public operations, from the document: " + publicOperations);
        return nodes.stream();
    }

    /** The cells of one operation, at each of its targets. */
    private static DynamicNode matrix(Operation operation, List<Target> targets, Set<String> allRoles) {
        SECURED.add(operation.route());
        List<ObjectReference> references = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        objectReferences(operation, references, unknown);
        if (!unknown.isEmpty()) {
            return unclassified(operation.route(), "names objects of no known kind: " + unknown
                    + "; add the kind to ObjectKind with whose it is and what the contract answers a user who may not see it");
        }
        Set<String> allowedRoles = operation.roles();
        // a user of the right role: not an admin, who may see every user's objects
        String rightRole = allowedRoles.stream().filter(role -> !role.equals("admin")).findFirst()
                .orElse(allowedRoles.isEmpty() ? "student" : allowedRoles.iterator().next());
        String[] tokenRoles = allowedRoles.isEmpty() ? new String[] { rightRole } : allowedRoles.toArray(String[]::new);

        List<DynamicNode> perTarget = new ArrayList<>();
        for (Target target : targets) {
            List<DynamicNode> cells = new ArrayList<>();
            cells.add(cell(target, "no token", () -> null, Map.of(), 401, UNAUTHORIZED));
            for (DevTokens.Flaw flaw : List.of(DevTokens.Flaw.EXPIRED, DevTokens.Flaw.SIGNED_BY_ANOTHER_KEY,
                    DevTokens.Flaw.ALG_NONE, DevTokens.Flaw.WRONG_ISSUER)) {
                cells.add(cell(target, flaw.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " token",
                        () -> flaw.token(GatewayApi.freshUserId(), tokenRoles), Map.of(), 401, UNAUTHORIZED));
            }
            if (!allowedRoles.isEmpty()) {
                allRoles.stream().filter(role -> !allowedRoles.contains(role)).forEach(role -> cells.add(cell(target,
                        "wrong role (" + role + ")", () -> DevTokens.token(GatewayApi.freshUserId(), role), Map.of(), 403, FORBIDDEN)));
            }
            references.stream().filter(reference -> reference.kind().isOwned()).forEach(reference -> cells.add(cell(target,
                    "another user's " + reference.kind().name().toLowerCase(Locale.ROOT) + " (" + reference.in() + " "
                            + reference.name() + ")",
                    () -> DevTokens.token(GatewayApi.freshUserId(), rightRole),
                    Map.of(reference.name(), reference),
                    reference.kind().deniedStatus, reference.kind().deniedError)));
            perTarget.add(DynamicContainer.dynamicContainer("at " + target.name(), cells.stream()));
        }
        return DynamicContainer.dynamicContainer(operation.route(), perTarget.stream());
    }

    /** One call that must be refused: {@code named} are the references that name another user's object. */
    private static DynamicTest cell(Target target, String name, Supplier<String> token,
            Map<String, ObjectReference> named, int status, String error) {
        CELLS.incrementAndGet();
        return DynamicTest.dynamicTest(name + " → " + status + " " + error, () -> {
            String correlationId = "authz-" + UUID.randomUUID();
            Response response = send(target, token.get(), named, correlationId);
            assertRefused(target, response, status, error, correlationId);
            DENIED.incrementAndGet();
        });
    }

    /** A public operation: listed with the reason the document gives, and its own check where it has one. */
    private static void publicOperation(Operation operation, List<Target> targets, List<String> publicOperations,
            List<DynamicNode> nodes) {
        Optional<String> signature = operation.parameters().stream()
                .filter(parameter -> "header".equals(parameter.get("in")) && Boolean.TRUE.equals(parameter.get("required"))
                        && String.valueOf(parameter.get("name")).toLowerCase(Locale.ROOT).contains("signature"))
                .map(parameter -> String.valueOf(parameter.get("name"))).findFirst();
        if (signature.isEmpty()) {
            nodes.add(unclassified(operation.route(), "no security requirement and no signature header: the document"
                    + " makes it public without saying how it is protected (does it lack @Authenticated?)"));
            return;
        }
        publicOperations.add(operation.route() + ": signed by its caller (" + signature.get() + "), no bearer token");
        // its own authentication: a wrong signature is refused with the status the document names for it
        Optional<String> refused = operation.statuses().stream()
                .filter(status -> operation.description(status).contains("`invalid_signature`")).findFirst();
        if (refused.isEmpty()) {
            nodes.add(unclassified(operation.route(), "signed, but no response of the document names `invalid_signature`"));
            return;
        }
        int status = Integer.parseInt(refused.get());
        List<DynamicNode> perTarget = targets.stream().<DynamicNode> map(target -> {
            SIGNATURE_CELLS.incrementAndGet();
            return DynamicTest.dynamicTest("wrong signature at " + target.name() + " → " + status + " invalid_signature", () -> {
                String correlationId = "authz-" + UUID.randomUUID();
                Response response = request(target, null, correlationId)
                        .header(signature.get(), "00".repeat(32))
                        .header("X-Webhook-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                        .body("{}")
                        .request(target.operation().method(), target.operation().path());
                assertRefused(target, response, status, "invalid_signature", correlationId);
                SIGNATURES_REFUSED.incrementAndGet();
            });
        }).toList();
        nodes.add(DynamicContainer.dynamicContainer(operation.route() + " (public: signed)", perTarget.stream()));
    }

    private static DynamicTest unclassified(String route, String why) {
        return DynamicTest.dynamicTest("cannot classify " + route, () -> fail(route + ": " + why));
    }

    /** The parameters and body fields of an operation that name objects ({@code roomId}, the {@code {id}} of {@code /invoices/{id}}). */
    private static void objectReferences(Operation operation, List<ObjectReference> references, List<String> unknown) {
        for (Map<String, Object> parameter : operation.parameters()) {
            String in = String.valueOf(parameter.get("in"));
            String name = String.valueOf(parameter.get("name"));
            if (in.equals("path") || in.equals("query")) {
                kindName(operation.path(), in, name).ifPresent(kind -> ObjectKind.named(kind).ifPresentOrElse(
                        known -> references.add(new ObjectReference(in, name, known)),
                        () -> unknown.add(in + " " + name + " (" + kind + ")")));
            }
        }
        OpenApiDocument.map(operation.bodySchema(), "properties").keySet().forEach(field -> kindName(operation.path(), "body", field)
                .ifPresent(kind -> ObjectKind.named(kind).ifPresentOrElse(
                        known -> references.add(new ObjectReference("body", field, known)),
                        () -> unknown.add("body " + field + " (" + kind + ")"))));
    }

    /** {@code roomId} → room; the path parameter {@code id} of {@code /api/chat/rooms/{id}} → room; others name no object. */
    private static Optional<String> kindName(String path, String in, String name) {
        if (in.equals("path") && name.equals("id")) {
            String before = path.substring(0, path.indexOf("/{id}"));
            String collection = before.substring(before.lastIndexOf('/') + 1);
            return Optional.of(collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection);
        }
        return name.endsWith("Id") && name.length() > 2 ? Optional.of(name.substring(0, name.length() - 2)) : Optional.empty();
    }

    /** The operation called with the token and the object references: each named one gets another user's object. */
    private static Response send(Target target, String token, Map<String, ObjectReference> named, String correlationId) {
        Operation operation = target.operation();
        RequestSpecification request = request(target, token, correlationId);
        Map<String, Object> pathParameters = new LinkedHashMap<>();
        for (Map<String, Object> parameter : operation.parameters()) {
            String name = String.valueOf(parameter.get("name"));
            String in = String.valueOf(parameter.get("in"));
            if (in.equals("path")) {
                pathParameters.put(name, valueOf(operation.path(), in, name, parameter));
            } else if (in.equals("query") && named.containsKey(name)) {
                request.queryParam(name, OBJECTS.get(named.get(name).kind()));
            } else if (in.equals("header") && Boolean.TRUE.equals(parameter.get("required"))) {
                enumValue(OpenApiDocument.map(parameter, "schema")).ifPresent(value -> request.header(name, value));
            }
        }
        if (operation.isWebSocket()) {
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            request.header("Connection", "Upgrade").header("Sec-WebSocket-Version", "13")
                    .header("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
        }
        Map<String, Object> bodySchema = operation.bodySchema();
        if (!bodySchema.isEmpty()) {
            request.contentType("application/json").body(body(operation, bodySchema));
        }
        return request.pathParams(pathParameters).request(operation.method(), operation.path());
    }

    private static RequestSpecification request(Target target, String token, String correlationId) {
        RequestSpecification request = given().spec(API.gateway()).baseUri(target.url())
                .header(CORRELATION_HEADER, correlationId);
        return token == null ? request : request.auth().oauth2(token);
    }

    /** A path parameter's value: the object of its kind (another user's, when it is owned). */
    private static String valueOf(String path, String in, String name, Map<String, Object> parameter) {
        return kindName(path, in, name).flatMap(ObjectKind::named).map(OBJECTS::get)
                .orElseGet(() -> sample(OpenApiDocument.map(parameter, "schema")).toString());
    }

    /** A body the operation accepts: its required fields, each named object another user's. */
    private static Map<String, Object> body(Operation operation, Map<String, Object> schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> properties = OpenApiDocument.map(schema, "properties");
        Object required = schema.getOrDefault("required", List.of());
        properties.forEach((field, property) -> {
            Optional<String> object = kindName(operation.path(), "body", field).flatMap(ObjectKind::named).map(OBJECTS::get);
            if (object.isPresent() || ((List<?>) required).contains(field)) {
                body.put(field, object.isPresent() ? object.get() : sample(operation.document().resolve(OpenApiDocument.map(property))));
            }
        });
        return body;
    }

    /** A value of the schema's type: its first enum value, a UUID, text, 1, false or empty. */
    private static Object sample(Map<String, Object> schema) {
        Optional<String> enumValue = enumValue(schema);
        if (enumValue.isPresent()) {
            return enumValue.get();
        }
        String type = String.valueOf(schema.get("type"));
        if (type.contains("integer") || type.contains("number")) {
            return 1;
        }
        if (type.contains("boolean")) {
            return false;
        }
        if (type.contains("array")) {
            return List.of();
        }
        if (type.contains("object")) {
            return Map.of();
        }
        return "uuid".equals(schema.get("format")) ? UUID.randomUUID().toString() : "authorization matrix";
    }

    private static Optional<String> enumValue(Map<String, Object> schema) {
        return schema.get("enum") instanceof List<?> values && !values.isEmpty() ? Optional.of(String.valueOf(values.get(0)))
                : Optional.empty();
    }

    /** The status and code the contract gives, a status the target's document declares, and the error body. */
    private static void assertRefused(Target target, Response response, int status, String error, String correlationId) {
        Operation operation = target.operation();
        String call = operation.route() + " at " + target.name();
        assertThat(response.statusCode()).as("%s answered %s", call, response.asString()).isEqualTo(status);
        assertThat(operation.statuses()).as("the statuses %s's document declares for %s", target.name(), operation.route())
                .contains(Integer.toString(status));
        assertThat(response.header(CORRELATION_HEADER)).as("%s: X-Correlation-ID", call).isEqualTo(correlationId);
        assertThat(response.contentType()).as("%s: the error body's type", call).startsWith("application/json");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("error")).as("%s: error", call).isEqualTo(error);
        assertThat(body.getString("correlationId")).as("%s: correlationId", call).isEqualTo(correlationId);
        assertThat(body.getString("traceId")).as("%s: traceId", call).matches(TRACE_ID);
    }
}
