package io.learnhub.gateway.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.vertx.core.MultiMap;

/**
 * Which headers cross the gateway. End-to-end headers (Authorization, Content-Type, Accept,
 * X-Webhook-Signature, ...) pass unchanged in both directions; hop-by-hop headers (RFC 9110
 * §7.6.1, including those the Connection header names) never do. Inbound {@code X-User-*} headers
 * are dropped because no service may trust them. Headers the gateway owns are dropped so that
 * its own value is the only one: X-Correlation-ID (validated or minted by common), the W3C trace
 * context and baggage (injected by the client span), traceresponse and CORS headers.
 */
final class ForwardedHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade");

    /** Set by the HTTP client or by the gateway itself on the upstream request. */
    private static final Set<String> OWNED_ON_REQUEST = Set.of(
            "host", "content-length", "expect", "x-correlation-id", "traceparent", "tracestate", "baggage");

    /** Set by the gateway on its own response. */
    private static final Set<String> OWNED_ON_RESPONSE = Set.of(
            "content-length", "x-correlation-id", "traceresponse");

    private static final String USER_HEADER_PREFIX = "x-user-";
    private static final String CORS_HEADER_PREFIX = "access-control-";

    private ForwardedHeaders() {
    }

    /** The inbound request headers to send upstream. */
    static MultiMap forUpstream(MultiMap inbound) {
        Set<String> connectionTokens = connectionTokens(inbound);
        return copy(inbound, name -> !HOP_BY_HOP.contains(name)
                && !connectionTokens.contains(name)
                && !OWNED_ON_REQUEST.contains(name)
                && !name.startsWith(USER_HEADER_PREFIX));
    }

    /** The upstream response headers to relay to the caller. */
    static MultiMap forCaller(MultiMap upstream) {
        Set<String> connectionTokens = connectionTokens(upstream);
        return copy(upstream, name -> !HOP_BY_HOP.contains(name)
                && !connectionTokens.contains(name)
                && !OWNED_ON_RESPONSE.contains(name)
                && !name.startsWith(CORS_HEADER_PREFIX));
    }

    private static MultiMap copy(MultiMap source, Predicate<String> keepLowerCaseName) {
        MultiMap target = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : source) {
            if (keepLowerCaseName.test(header.getKey().toLowerCase(Locale.ROOT))) {
                target.add(header.getKey(), header.getValue());
            }
        }
        return target;
    }

    private static Set<String> connectionTokens(MultiMap headers) {
        return headers.getAll("Connection").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .filter(token -> !token.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
