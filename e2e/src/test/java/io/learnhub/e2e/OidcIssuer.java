package io.learnhub.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.learnhub.testing.DevTokens;

/**
 * An OpenID Connect issuer for the browser tests, standing in for the production identity
 * provider: discovery, the authorization code flow with PKCE (S256 only) for one public client,
 * and a login page where the test picks the user id and role. The access token it hands out is a
 * {@link DevTokens} token, which the services trust in e2e like every other test token.
 *
 * <p>It checks what a real issuer checks (the client, the registered redirect URI, the state, the
 * challenge against the verifier, a code used once and soon), so that a frontend that gets the
 * flow wrong fails here as it would against the real one. A refused request is answered with
 * {@code 400} and says why: on a page for the browser's steps, as {@code {"error",
 * "error_description"}} (RFC 6749) for the token endpoint.
 */
public final class OidcIssuer implements AutoCloseable {

    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    public static final String AUTHORIZE_PATH = "/authorize";
    public static final String TOKEN_PATH = "/token";
    public static final List<String> ROLES = List.of("student", "teacher", "admin");
    /** What the access token's {@code expires_in} says: the lifespan of a {@link DevTokens} token. */
    public static final int EXPIRES_IN_SECONDS = 1800;

    private static final Duration CODE_LIFESPAN = Duration.ofMinutes(1);
    private static final Duration LOGIN_LIFESPAN = Duration.ofMinutes(10);
    /** The user id rule of the dev sign-in, so both ways of signing in accept the same ids. */
    private static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    /** RFC 7636: 43 to 128 unreserved characters, for the verifier and (base64url of a SHA-256) the challenge. */
    private static final Pattern PKCE_VALUE = Pattern.compile("^[A-Za-z0-9._~-]{43,128}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Else the browser asks for /favicon.ico, and its 404 is an error in the console the tests check. */
    private static final String NO_FAVICON = "<link rel=\"icon\" href=\"data:,\">";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String clientId;
    private final Set<String> redirectUris;
    /** Authorization requests shown a login page and not answered yet, by the page's request id. */
    private final Map<String, AuthorizationRequest> logins = new ConcurrentHashMap<>();
    /** Codes handed out and not presented yet. */
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    private record AuthorizationRequest(String redirectUri, String state, String codeChallenge, Instant expiresAt) {
    }

    private record Grant(String redirectUri, String codeChallenge, String userId, String role, Instant expiresAt) {
    }

    private OidcIssuer(HttpServer server, ExecutorService executor, String clientId, Set<String> redirectUris) {
        this.server = server;
        this.executor = executor;
        this.clientId = clientId;
        this.redirectUris = Set.copyOf(redirectUris);
    }

    /**
     * Starts an issuer on 127.0.0.1 and a free port for one public client, which may only ask to
     * be sent back to one of {@code redirectUris} (compared exactly, as OAuth 2.1 requires).
     */
    public static OidcIssuer start(String clientId, Set<String> redirectUris) {
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "oidc-issuer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OidcIssuer issuer = new OidcIssuer(server, executor, clientId, redirectUris);
            server.createContext("/", issuer::handle);
            server.setExecutor(executor);
            server.start();
            return issuer;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot start the OpenID Connect issuer", e);
        }
    }

    /** The issuer identifier, where {@value #DISCOVERY_PATH} is found: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String clientId() {
        return clientId;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (IOException | RuntimeException e) {
            // the JDK server would drop the connection silently: say it, and answer if still possible
            System.err.println("[e2e] OIDC issuer: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed: " + e);
            if (exchange.getResponseCode() == -1) {
                send(exchange, 500, "text/plain", "Issuer failure: " + e);
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case DISCOVERY_PATH -> {
                if (method.equals("OPTIONS")) {
                    preflight(exchange, "GET");
                } else if (method.equals("GET")) {
                    allowAnyOrigin(exchange);
                    sendJson(exchange, 200, discovery());
                } else {
                    send(exchange, 405, "text/plain", "GET only");
                }
            }
            case AUTHORIZE_PATH -> {
                if (method.equals("GET")) {
                    loginPage(exchange, parameters(exchange.getRequestURI().getRawQuery()));
                } else if (method.equals("POST")) {
                    signIn(exchange, parameters(body(exchange)));
                } else {
                    send(exchange, 405, "text/plain", "GET or POST only");
                }
            }
            case TOKEN_PATH -> {
                if (method.equals("OPTIONS")) {
                    preflight(exchange, "POST");
                } else if (method.equals("POST")) {
                    allowAnyOrigin(exchange);
                    token(exchange, parameters(body(exchange)));
                } else {
                    send(exchange, 405, "text/plain", "POST only");
                }
            }
            default -> send(exchange, 404, "text/plain", "Not found: " + path);
        }
    }

    private JsonObject discovery() {
        return Json.createObjectBuilder()
                .add("issuer", url())
                .add("authorization_endpoint", url() + AUTHORIZE_PATH)
                .add("token_endpoint", url() + TOKEN_PATH)
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("grant_types_supported", Json.createArrayBuilder().add("authorization_code"))
                .add("code_challenge_methods_supported", Json.createArrayBuilder().add("S256"))
                .add("token_endpoint_auth_methods_supported", Json.createArrayBuilder().add("none"))
                .add("scopes_supported", Json.createArrayBuilder().add("openid").add("profile").add("email"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .build();
    }

    /** {@code GET /authorize}: checks the request, then asks who signs in. */
    private void loginPage(HttpExchange exchange, Map<String, String> query) throws IOException {
        String refused = refusal(query);
        if (refused != null) {
            refusePage(exchange, refused);
            return;
        }
        String requestId = random();
        logins.put(requestId, new AuthorizationRequest(query.get("redirect_uri"), query.get("state"),
                query.get("code_challenge"), Instant.now().plus(LOGIN_LIFESPAN)));
        StringBuilder roles = new StringBuilder();
        ROLES.forEach(role -> roles.append("<option value=\"").append(role).append("\">").append(role).append("</option>"));
        send(exchange, 200, "text/html; charset=utf-8", """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Sign in: e2e issuer</title>%s</head>
                <body><h1>Sign in</h1>
                <form method="post" action="%s">
                <input type="hidden" name="request" value="%s">
                <label>User id <input id="user-id" name="user_id" type="text" autocomplete="off"></label>
                <label>Role <select id="role" name="role">%s</select></label>
                <button id="sign-in" type="submit">Sign in</button>
                </form></body></html>
                """.formatted(NO_FAVICON, AUTHORIZE_PATH, requestId, roles));
    }

    /** Why an authorization request is refused, or null: the checks of RFC 6749 4.1.1 and RFC 7636 4.3. */
    private String refusal(Map<String, String> query) {
        if (!clientId.equals(query.get("client_id"))) {
            return "unknown client_id " + query.get("client_id") + " (this issuer knows " + clientId + ")";
        }
        if (!redirectUris.contains(query.get("redirect_uri"))) {
            return "redirect_uri " + query.get("redirect_uri") + " is not registered for " + clientId + " (registered: "
                    + redirectUris + ")";
        }
        if (!"code".equals(query.get("response_type"))) {
            return "response_type must be code, not " + query.get("response_type");
        }
        if (query.getOrDefault("state", "").isEmpty()) {
            return "state is missing";
        }
        if (!"S256".equals(query.get("code_challenge_method"))) {
            return "code_challenge_method must be S256, not " + query.get("code_challenge_method");
        }
        if (!PKCE_VALUE.matcher(query.getOrDefault("code_challenge", "")).matches()) {
            return "code_challenge must be 43 to 128 characters of base64url, not " + query.get("code_challenge");
        }
        return null;
    }

    /** {@code POST /authorize}: the login form; sends the browser back to the client with a code. */
    private void signIn(HttpExchange exchange, Map<String, String> form) throws IOException {
        AuthorizationRequest request = logins.remove(form.getOrDefault("request", ""));
        if (request == null || request.expiresAt().isBefore(Instant.now())) {
            refusePage(exchange, "unknown or expired sign-in request: start again from the application");
            return;
        }
        String userId = form.getOrDefault("user_id", "");
        String role = form.getOrDefault("role", "");
        if (!USER_ID.matcher(userId).matches() || !ROLES.contains(role)) {
            refusePage(exchange, "user id must match " + USER_ID + " and role be one of " + ROLES);
            return;
        }
        String code = random();
        codes.put(code, new Grant(request.redirectUri(), request.codeChallenge(), userId, role,
                Instant.now().plus(CODE_LIFESPAN)));
        String location = request.redirectUri() + (URI.create(request.redirectUri()).getRawQuery() == null ? "?" : "&")
                + "code=" + encode(code) + "&state=" + encode(request.state());
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    /** {@code POST /token}: the code, presented once, for an access token (RFC 6749 4.1.3, RFC 7636 4.6). */
    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (!"authorization_code".equals(form.get("grant_type"))) {
            tokenError(exchange, "unsupported_grant_type", "grant_type must be authorization_code");
            return;
        }
        if (!clientId.equals(form.get("client_id"))) {
            tokenError(exchange, "invalid_client", "unknown client_id " + form.get("client_id"));
            return;
        }
        // a code is spent by its first presentation, whatever comes of it
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        if (grant == null || grant.expiresAt().isBefore(Instant.now())) {
            tokenError(exchange, "invalid_grant", "unknown, expired or already used code");
            return;
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            tokenError(exchange, "invalid_grant", "redirect_uri differs from the authorization request's");
            return;
        }
        String verifier = form.getOrDefault("code_verifier", "");
        if (!PKCE_VALUE.matcher(verifier).matches() || !challengeOf(verifier).equals(grant.codeChallenge())) {
            tokenError(exchange, "invalid_grant", "code_verifier does not match the code_challenge");
            return;
        }
        sendJson(exchange, 200, Json.createObjectBuilder()
                .add("access_token", DevTokens.token(grant.userId(), grant.role()))
                .add("token_type", "Bearer")
                .add("expires_in", EXPIRES_IN_SECONDS)
                .build());
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), without padding: the S256 transformation of RFC 7636. */
    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void tokenError(HttpExchange exchange, String error, String description) throws IOException {
        sendJson(exchange, 400, Json.createObjectBuilder().add("error", error).add("error_description", description).build());
    }

    private static void refusePage(HttpExchange exchange, String why) throws IOException {
        send(exchange, 400, "text/html; charset=utf-8", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sign-in refused</title>" + NO_FAVICON + "</head><body><h1>Sign-in refused</h1><p id=\"error\">" + escape(why)
                + "</p></body></html>");
    }

    /** The frontend reads discovery and exchanges the code from its own origin, another one than this. */
    private static void allowAnyOrigin(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
    }

    private static void preflight(HttpExchange exchange, String method) throws IOException {
        allowAnyOrigin(exchange);
        exchange.getResponseHeaders().set("Access-Control-Allow-Methods", method + ", OPTIONS");
        String headers = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
        exchange.getResponseHeaders().set("Access-Control-Allow-Headers", headers == null ? "Content-Type" : headers);
        exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
        exchange.sendResponseHeaders(204, -1);
    }

    private static void sendJson(HttpExchange exchange, int status, JsonObject json) throws IOException {
        send(exchange, status, "application/json", json.toString());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A query string or form body ({@code application/x-www-form-urlencoded}); the first of repeated names wins. */
    static Map<String, String> parameters(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** 256 random bits, base64url: codes and request ids nobody can guess. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
