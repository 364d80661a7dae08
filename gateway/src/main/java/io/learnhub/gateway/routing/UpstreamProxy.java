package io.learnhub.gateway.routing;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.tracing.OutboundCall;
import io.learnhub.gateway.tracing.OutboundCallTracing;
import io.learnhub.gateway.tracing.RouteTemplates;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Forwards one inbound request to its upstream and relays the answer: same method, raw path and
 * query, raw body bytes (the payment webhook's signature covers them) and end-to-end headers,
 * plus the gateway's correlation id, the client's address as X-Forwarded-For and the trace
 * context and baggage of the call's CLIENT span.
 * Connection failures become 502 {@code upstream_unavailable}, timeouts 504
 * {@code upstream_timeout}; the client span records them as errors.
 */
@ApplicationScoped
public class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    private final UpstreamRoutes routes;
    private final WebClient client;
    private final OutboundCallTracing tracing;
    private final long connectTimeoutMillis;
    private final long requestTimeoutMillis;

    UpstreamProxy(UpstreamRoutes routes, WebClient client, OutboundCallTracing tracing, ClientConfig config) {
        this.routes = routes;
        this.client = client;
        this.tracing = tracing;
        this.connectTimeoutMillis = config.connectTimeout().toMillis();
        this.requestTimeoutMillis = config.requestTimeout().toMillis();
    }

    public Uni<Response> forward(HttpServerRequest inbound, byte[] body) {
        Upstream upstream = routes.resolve(inbound.path());
        RouteTemplates.nameCurrentRoute(upstream.routeTemplate());
        String correlationId = CorrelationId.current()
                .orElseThrow(() -> new IllegalStateException("No correlation id: CorrelationIdRouteHandler did not run"));

        MultiMap headers = ForwardedHeaders.forUpstream(inbound.headers(), clientAddress(inbound))
                .set(CorrelationId.HEADER, correlationId);
        OutboundCall call = new OutboundCall(inbound.method(), upstream.urlFor(rawPathAndQuery(inbound)),
                upstream.host(), upstream.port(), headers);

        return tracing.traced(call, () -> send(call, body))
                .map(UpstreamProxy::relay)
                .onFailure().transform(failure -> translate(upstream, failure));
    }

    private Uni<HttpResponse<Buffer>> send(OutboundCall call, byte[] body) {
        HttpRequest<Buffer> request = client.requestAbs(call.method(), call.url())
                // bounds the wait for a pooled or new connection; the TCP connect itself is
                // bounded by the client's connect timeout
                .connectTimeout(connectTimeoutMillis)
                .idleTimeout(requestTimeoutMillis)
                .putHeaders(io.vertx.mutiny.core.MultiMap.newInstance(call.headers()));
        return body.length == 0 ? request.send() : request.sendBuffer(Buffer.buffer(body));
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
    private static Throwable translate(Upstream upstream, Throwable failure) {
        // netty's ConnectTimeoutException is a ConnectException: test for timeouts first
        if (failure instanceof TimeoutException || failure instanceof io.netty.channel.ConnectTimeoutException) {
            LOG.warnf("%s at %s did not answer in time (%s)", upstream.name(), upstream.baseUri(), failure.getClass().getName());
            return new UpstreamTimeoutException(upstream, failure);
        }
        if (failure instanceof IOException || failure instanceof HttpClosedException) {
            LOG.warnf("%s at %s is unavailable (%s)", upstream.name(), upstream.baseUri(), failure.getClass().getName());
            return new UpstreamUnavailableException(upstream, failure);
        }
        return failure;
    }
}
