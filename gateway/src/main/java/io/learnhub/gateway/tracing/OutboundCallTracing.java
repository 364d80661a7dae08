package io.learnhub.gateway.tracing;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.ApiException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Gives every upstream call exactly one CLIENT span, a child of the current (server) span, with
 * OpenTelemetry's HTTP client semantic conventions, and injects its trace context and baggage
 * into the outgoing headers.
 *
 * <p>Why not Quarkus' own instrumentation of the Vert.x client: it only starts a span once a
 * connection exists, so a refused or timed-out connection left no client span at all, and it
 * reads {@code server.address} from the socket, which is empty for an IP-literal upstream URL.
 * The gateway therefore switches it off for its client ({@code TracingPolicy.IGNORE}) and owns
 * the span here, built with the same OpenTelemetry extractors Quarkus uses.
 */
@ApplicationScoped
public class OutboundCallTracing {

    static final String INSTRUMENTATION_NAME = "io.learnhub.gateway";

    private static final TextMapSetter<OutboundCall> HEADER_SETTER = (call, key, value) -> call.headers().set(key, value);

    private final OpenTelemetry openTelemetry;
    private final Instrumenter<OutboundCall, HttpResponse<Buffer>> instrumenter;

    OutboundCallTracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        OutboundCallAttributes attributes = new OutboundCallAttributes();
        this.instrumenter = Instrumenter.<OutboundCall, HttpResponse<Buffer>> builder(openTelemetry, INSTRUMENTATION_NAME,
                HttpSpanNameExtractor.create(attributes))
                .setSpanStatusExtractor(HttpSpanStatusExtractor.create(attributes))
                .addAttributesExtractor(HttpClientAttributesExtractor.create(attributes))
                .buildClientInstrumenter(HEADER_SETTER);
    }

    /**
     * Sends the call inside its CLIENT span, a child of {@code parent} (the server span, in a
     * context that counts resends: a retry's span has {@code http.request.resend_count}). The
     * span starts on subscription, before {@code send} builds the request from
     * {@link OutboundCall#headers()}, and ends with the response, the failure (status ERROR, the
     * exception recorded, {@code error.type} the API error code) or the caller's cancellation.
     */
    public Uni<HttpResponse<Buffer>> traced(OutboundCall call, Context parent, Supplier<Uni<HttpResponse<Buffer>>> send) {
        return Uni.createFrom().deferred(() -> {
            if (!instrumenter.shouldStart(parent, call)) {
                openTelemetry.getPropagators().getTextMapPropagator().inject(parent, call, HEADER_SETTER);
                return send.get();
            }
            Context span = instrumenter.start(parent, call);
            return send.get()
                    .onItemOrFailure().invoke((response, failure) -> instrumenter.end(span, call, response, failure))
                    .onCancellation().invoke(() -> instrumenter.end(span, call, null,
                            new CancellationException("The caller went away before the upstream answered")));
        });
    }

    private static final class OutboundCallAttributes implements HttpClientAttributesGetter<OutboundCall, HttpResponse<Buffer>> {

        @Override
        public String getUrlFull(OutboundCall call) {
            return call.url(); // secret query values are redacted by QueryRedactingSpanProcessor
        }

        @Override
        public String getHttpRequestMethod(OutboundCall call) {
            return call.method().name();
        }

        @Override
        public List<String> getHttpRequestHeader(OutboundCall call, String name) {
            return call.headers().getAll(name);
        }

        @Override
        public Integer getHttpResponseStatusCode(OutboundCall call, HttpResponse<Buffer> response, Throwable error) {
            return response.statusCode();
        }

        @Override
        public List<String> getHttpResponseHeader(OutboundCall call, HttpResponse<Buffer> response, String name) {
            return response.headers().getAll(name);
        }

        @Override
        public String getServerAddress(OutboundCall call) {
            return call.serverAddress();
        }

        @Override
        public Integer getServerPort(OutboundCall call) {
            return call.serverPort();
        }

        /** The gateway's error code (upstream_timeout, upstream_circuit_open, ...) rather than the exception's class. */
        @Override
        public String getErrorType(OutboundCall call, HttpResponse<Buffer> response, Throwable error) {
            return error instanceof ApiException apiException ? apiException.error() : null;
        }

        @Override
        public String getNetworkProtocolName(OutboundCall call, HttpResponse<Buffer> response) {
            return "http";
        }

        @Override
        public String getNetworkProtocolVersion(OutboundCall call, HttpResponse<Buffer> response) {
            if (response == null || response.version() == null) {
                return null;
            }
            return switch (response.version()) {
                case HTTP_1_0 -> "1.0";
                case HTTP_1_1 -> "1.1";
                case HTTP_2 -> "2";
            };
        }
    }
}
