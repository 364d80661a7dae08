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
 * context and baggage (injected by the client span), traceresponse and CORS headers. So are the
 * headers a proxy vouches for ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}): a
 * service behind the gateway trusts them from the gateway only, which sets
 * {@value #X_FORWARDED_FOR} to the address it saw itself, so a client cannot forge its address.
 */
final class ForwardedHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade");

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    /** Set by the HTTP client or by the gateway itself on the upstream request. */
    private static final Set<String> OWNED_ON_REQUEST = Set.of(
            "host", "content-length", "expect", "x-correlation-id", "traceparent", "tracestate", "baggage",
            "forwarded", "x-real-ip");

    /** Set by the gateway on its own response. */
    private static final Set<String> OWNED_ON_RESPONSE = Set.of(
            "content-length", "x-correlation-id", "traceresponse");

    private static final String USER_HEADER_PREFIX = "x-user-";
    /** X-Forwarded-For, -Host, -Proto, -Port, -Prefix...: what a trusted proxy vouches for. */
    private static final String FORWARDED_HEADER_PREFIX = "x-forwarded-";
    private static final String CORS_HEADER_PREFIX = "access-control-";

    private ForwardedHeaders() {
    }

    /**
     * The inbound request headers to send upstream, with {@value #X_FORWARDED_FOR} set to the
     * client's address as the gateway saw it (Quarkus has already taken it from a trusted proxy's
     * X-Forwarded-For when the gateway itself runs behind one); none when the address is unknown.
     */
    static MultiMap forUpstream(MultiMap inbound, String clientAddress) {
        Set<String> connectionTokens = connectionTokens(inbound);
        MultiMap upstream = copy(inbound, name -> !HOP_BY_HOP.contains(name)
                && !connectionTokens.contains(name)
                && !OWNED_ON_REQUEST.contains(name)
                && !name.startsWith(USER_HEADER_PREFIX)
                && !name.startsWith(FORWARDED_HEADER_PREFIX));
        if (clientAddress != null && !clientAddress.isEmpty()) {
            upstream.set(X_FORWARDED_FOR, clientAddress);
        }
        return upstream;
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
