package io.learnhub.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.error.ApiException;
import io.learnhub.gateway.routing.RouteConfig.RoutePolicy;
import io.learnhub.gateway.tracing.OutboundCall;
import io.learnhub.gateway.tracing.OutboundCallTracing;
import io.learnhub.gateway.tracing.RouteTemplates;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientRequestResendCount;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.TypeArg;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

/**
 * Forwards one inbound request to its upstream and relays the answer: same method, raw path and
 * query, raw body bytes (the payment webhook's signature covers them) and end-to-end headers,
 * plus the gateway's correlation id, the client's address as X-Forwarded-For and the trace
 * context and baggage of the call's CLIENT span.
 *
 * <p>Each attempt goes through the replica's circuit breaker and has the route's timeout and
 * response body limit. An idempotent request whose attempt never reached the upstream (connection
 * refused or not established, breaker open) is sent again to the next replica, up to
 * {@code connect-retries} times; every attempt is its own CLIENT span. Failures become 502
 * {@code upstream_unavailable}, 503 {@code upstream_circuit_open} or 504 {@code upstream_timeout}.
 */
@ApplicationScoped
public class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    /** RFC 9110 §9.2.2; POST and PATCH are never sent twice. */
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    private static final long CONNECTION_WAIT_MARGIN_MILLIS = 500;

    private static final TypeArg<Buffer> MUTINY_BUFFER = new TypeArg<>(
            body -> Buffer.newInstance((io.vertx.core.buffer.Buffer) body), Buffer::getDelegate);

    private final UpstreamRoutes routes;
    private final RouteConfig routeConfig;
    private final WebClient client;
    private final OutboundCallTracing tracing;
    private final UpstreamCircuitBreakers breakers;
    private final long connectionWaitMillis;
    private final int connectRetries;

    UpstreamProxy(UpstreamRoutes routes, RouteConfig routeConfig, WebClient client, OutboundCallTracing tracing,
            UpstreamCircuitBreakers breakers, ClientConfig config) {
        this.routes = routes;
        this.routeConfig = routeConfig;
        this.client = client;
        this.tracing = tracing;
        this.breakers = breakers;
        this.connectionWaitMillis = config.connectTimeout().toMillis() + CONNECTION_WAIT_MARGIN_MILLIS;
        this.connectRetries = config.connectRetries();
    }

    public Uni<Response> forward(GatewayRoute route, HttpServerRequest inbound, byte[] body) {
        RouteTemplates.nameCurrentRoute(route.routeTemplate());
        MultiMap headers = headersFor(inbound);
        Attempt first = new Attempt(route, routeConfig.of(route), inbound.method(), rawPathAndQuery(inbound), headers, body,
                HttpClientRequestResendCount.initialize(Context.current()));
        return send(first, 0).map(UpstreamProxy::relay);
    }

    /**
     * Sends {@code body} to {@code url} on behalf of {@code inbound} as a forwarded request is sent:
     * the same client, headers ({@link ForwardedHeaders}, correlation id) and CLIENT span, whose
     * trace context and baggage are injected, under the current server span. No route applies (no
     * breaker, retry or body limit). For the trace context test endpoint of the test profile.
     */
    public Uni<HttpResponse<Buffer>> call(HttpServerRequest inbound, HttpMethod method, URI url, MultiMap extraHeaders,
            byte[] body, Duration timeout) {
        MultiMap headers = headersFor(inbound).setAll(extraHeaders);
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        OutboundCall call = new OutboundCall(method, url.toString(), url.getHost(), port, headers);
        return tracing.traced(call, HttpClientRequestResendCount.initialize(Context.current()),
                () -> client.requestAbs(call.method(), call.url())
                        .connectTimeout(connectionWaitMillis)
                        .idleTimeout(timeout.toMillis())
                        .putHeaders(io.vertx.mutiny.core.MultiMap.newInstance(call.headers()))
                        .sendBuffer(Buffer.buffer(body)));
    }

    /**
     * What the gateway sends of an inbound request's headers: the end-to-end ones, its correlation
     * id and the client's address; the trace context and baggage are the CLIENT span's, added when sent.
     */
    private static MultiMap headersFor(HttpServerRequest inbound) {
        String correlationId = CorrelationId.current()
                .orElseThrow(() -> new IllegalStateException("No correlation id: CorrelationIdRouteHandler did not run"));
        return ForwardedHeaders.forUpstream(inbound.headers(), clientAddress(inbound))
                .set(CorrelationId.HEADER, correlationId);
    }

    /** What every attempt of one forwarded request shares. */
    private record Attempt(GatewayRoute route, RoutePolicy policy, HttpMethod method, String pathAndQuery,
            MultiMap headers, byte[] body, Context parent) {
    }

    private Uni<HttpResponse<Buffer>> send(Attempt attempt, int retries) {
        Upstream upstream = routes.resolve(attempt.route());
        // each attempt's span injects its own trace context into its own copy of the headers
        OutboundCall call = new OutboundCall(attempt.method(), upstream.urlFor(attempt.pathAndQuery()),
                upstream.host(), upstream.port(), MultiMap.caseInsensitiveMultiMap().addAll(attempt.headers()));
        return tracing.traced(call, attempt.parent(), () -> breakers.call(upstream, () -> sendOnce(upstream, call, attempt)))
                .onFailure(failure -> retries < connectRetries && IDEMPOTENT.contains(attempt.method())
                        && worthSendingAgain(attempt.route(), failure))
                .recoverWithUni(failure -> {
                    LOG.infof("Sending %s on route %s again (%s)", attempt.method(), attempt.route().routeName(),
                            ((ApiException) failure).error());
                    return send(attempt, retries + 1);
                });
    }

    private Uni<HttpResponse<Buffer>> sendOnce(Upstream upstream, OutboundCall call, Attempt attempt) {
        RoutePolicy policy = attempt.policy();
        long maxResponseBody = policy.maxResponseBody().asLongValue();
        HttpRequest<Buffer> request = client.requestAbs(call.method(), call.url())
                // bounds the wait for a pooled or new connection: beyond the TCP connect timeout,
                // so that a silent host fails as a connect timeout, which is never sent
                .connectTimeout(connectionWaitMillis)
                .idleTimeout(policy.timeout().toMillis())
                .putHeaders(io.vertx.mutiny.core.MultiMap.newInstance(call.headers()))
                .as(BodyCodec.newInstance(new BoundedBodyCodec(maxResponseBody,
                        limit -> new UpstreamResponseTooLargeException(upstream, limit)), MUTINY_BUFFER));
        Uni<HttpResponse<Buffer>> response = attempt.body().length == 0 ? request.send()
                : request.sendBuffer(Buffer.buffer(attempt.body()));
        return response
                .ifNoItem().after(policy.timeout()).failWith(() -> new RouteTimeoutException(policy))
                .onFailure().transform(failure -> translate(upstream, failure));
    }

    /**
     * The attempt certainly did not reach the upstream. An open breaker is only worth another
     * attempt when another replica may take it; a refused connection is (a replica restarting).
     */
    private boolean worthSendingAgain(GatewayRoute route, Throwable failure) {
        if (failure instanceof UpstreamCircuitOpenException) {
            return routes.replicaCount(route) > 1;
        }
        return failure instanceof UpstreamUnavailableException unavailable && unavailable.neverSent()
                || failure instanceof UpstreamTimeoutException timeout && timeout.neverSent();
    }

    /** The peer's IP address, or null when the connection has none (a Unix domain socket). */
    private static String clientAddress(HttpServerRequest inbound) {
        SocketAddress remote = inbound.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /** The request target exactly as received, percent-encoding included. */
    private static String rawPathAndQuery(HttpServerRequest inbound) {
        String query = inbound.query();
        return query == null ? inbound.path() : inbound.path() + "?" + query;
    }

    private static Response relay(HttpResponse<Buffer> upstreamResponse) {
        Response.ResponseBuilder response = Response.status(upstreamResponse.statusCode());
        for (Map.Entry<String, String> header : ForwardedHeaders.forCaller(upstreamResponse.headers().getDelegate())) {
            response.header(header.getKey(), header.getValue());
        }
        Buffer body = upstreamResponse.body();
        if (body != null && body.length() > 0) {
            response.entity(body.getBytes());
        }
        return response.build();
    }

    /** The log names the upstream and the failure's type only: Vert.x messages may quote the query string. */
    static Throwable translate(Upstream upstream, Throwable failure) {
        // netty's ConnectTimeoutException is a ConnectException: test for timeouts first
        if (failure instanceof io.netty.channel.ConnectTimeoutException) {
            LOG.warnf("%s at %s did not accept a connection in time", upstream.name(), upstream.baseUri());
            return UpstreamTimeoutException.connecting(upstream, failure);
        }
        if (isConnectionWait(failure)) {
            LOG.warnf("No connection to %s at %s in time", upstream.name(), upstream.baseUri());
            return UpstreamTimeoutException.connecting(upstream, failure);
        }
        if (failure instanceof TimeoutException) {
            LOG.warnf("%s at %s did not answer in time (%s)", upstream.name(), upstream.baseUri(), failure.getClass().getName());
            return UpstreamTimeoutException.answering(upstream, failure);
        }
        if (failure instanceof ConnectException || failure instanceof UnknownHostException) {
            LOG.warnf("%s at %s is unavailable (%s)", upstream.name(), upstream.baseUri(), failure.getClass().getName());
            return UpstreamUnavailableException.connectionFailed(upstream, failure);
        }
        if (failure instanceof IOException || failure instanceof HttpClosedException) {
            LOG.warnf("%s at %s dropped the connection (%s)", upstream.name(), upstream.baseUri(), failure.getClass().getName());
            return UpstreamUnavailableException.connectionLost(upstream, failure);
        }
        if (failure instanceof UpstreamResponseTooLargeException) {
            LOG.warnf("%s at %s answered with a body over the route's limit", upstream.name(), upstream.baseUri());
        }
        return failure;
    }

    /**
     * Vert.x' "timeout … exceeded when getting a connection": no connection (pooled or new) was
     * had, so the request was not written. Vert.x marks it by its message only.
     */
    static boolean isConnectionWait(Throwable failure) {
        return failure instanceof TimeoutException && failure.getMessage() != null
                && failure.getMessage().contains("getting a connection");
    }

    /** The route's deadline passed before the whole answer arrived. */
    static final class RouteTimeoutException extends TimeoutException {

        RouteTimeoutException(RoutePolicy policy) {
            super("No complete answer within the route's timeout of " + policy.timeout());
        }
    }
}
