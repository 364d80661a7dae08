package io.learnhub.gateway.tracing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;

/**
 * Gives every WebSocket the gateway bridges to an upstream one CLIENT span, named
 * {@code GET <route>} (the handshake is an HTTP GET), with the same HTTP client semantic
 * conventions as {@link OutboundCallTracing}'s spans, and injects its trace context and baggage
 * into the handshake headers. The span lasts as long as the upstream socket: it ends when the
 * socket closes, or with status ERROR when it cannot be opened.
 *
 * <p>Why the gateway makes it: websockets-next's {@code BasicWebSocketConnector} makes no span and
 * sends no trace context, so without it chat-service would start a trace of its own for every
 * socket. Its parent is given explicitly, because nothing of the upgrade request is current when
 * the bridge opens the socket (see {@code io.learnhub.gateway.websocket.HandshakeContext}).
 */
@ApplicationScoped
public class OutboundSocketTracing {

    /** The handshake succeeded: the status of the span of a socket that opened. */
    static final int SWITCHING_PROTOCOLS = 101;

    private static final TextMapSetter<OutboundSocket> HEADER_SETTER = (socket, key, value) -> socket.headers().put(key, value);

    private final OpenTelemetry openTelemetry;
    private final Instrumenter<OutboundSocket, Integer> instrumenter;

    OutboundSocketTracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        OutboundSocketAttributes attributes = new OutboundSocketAttributes();
        this.instrumenter = Instrumenter.<OutboundSocket, Integer> builder(openTelemetry, OutboundCallTracing.INSTRUMENTATION_NAME,
                socket -> "GET " + socket.route())
                .setSpanStatusExtractor(HttpSpanStatusExtractor.create(attributes))
                .addAttributesExtractor(HttpClientAttributesExtractor.create(attributes))
                .buildClientInstrumenter(HEADER_SETTER);
    }

    /**
     * Starts the socket's CLIENT span as a child of {@code parent} and injects its trace context
     * and baggage into {@link OutboundSocket#headers()}. When the span is not to be recorded, the
     * parent's context is injected instead, as for an HTTP call.
     */
    public OutboundSocketSpan start(Context parent, OutboundSocket socket) {
        if (!instrumenter.shouldStart(parent, socket)) {
            openTelemetry.getPropagators().getTextMapPropagator().inject(parent, socket, HEADER_SETTER);
            return new OutboundSocketSpan(null, parent, socket);
        }
        return new OutboundSocketSpan(instrumenter, instrumenter.start(parent, socket), socket);
    }

    private static final class OutboundSocketAttributes implements HttpClientAttributesGetter<OutboundSocket, Integer> {

        @Override
        public String getUrlFull(OutboundSocket socket) {
            return socket.url();
        }

        @Override
        public String getHttpRequestMethod(OutboundSocket socket) {
            return "GET";
        }

        @Override
        public List<String> getHttpRequestHeader(OutboundSocket socket, String name) {
            String value = socket.headers().get(name);
            return value == null ? List.of() : List.of(value);
        }

        @Override
        public Integer getHttpResponseStatusCode(OutboundSocket socket, Integer status, Throwable error) {
            return status;
        }

        @Override
        public List<String> getHttpResponseHeader(OutboundSocket socket, Integer status, String name) {
            return List.of();
        }

        @Override
        public String getServerAddress(OutboundSocket socket) {
            return socket.serverAddress();
        }

        @Override
        public Integer getServerPort(OutboundSocket socket) {
            return socket.serverPort();
        }

        @Override
        public String getNetworkProtocolName(OutboundSocket socket, Integer status) {
            return "http";
        }

        @Override
        public String getNetworkProtocolVersion(OutboundSocket socket, Integer status) {
            return "1.1"; // a WebSocket handshake is always HTTP/1.1 (RFC 6455 §4.1)
        }
    }
}
