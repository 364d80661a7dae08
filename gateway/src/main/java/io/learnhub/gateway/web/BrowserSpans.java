package io.learnhub.gateway.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.learnhub.gateway.ratelimit.RateLimiter;
import io.learnhub.gateway.routing.GatewayRoute;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Relays the spans of the web frontend to the trace backend, so that a trace starts at the user's
 * click: the browser never talks to the backend itself. Each request is rate limited per client
 * address (route {@code web-traces}), its body bounded (413 before it is read), its spans checked
 * and their resource set by {@link OtlpJsonSpans}, then handed to {@link BrowserSpanExport}.
 */
@ApplicationScoped
public class BrowserSpans {

    private final RateLimiter rateLimiter;
    private final BrowserSpanExport export;
    private final WebConfig.Telemetry config;
    private final Counter relayed;

    BrowserSpans(RateLimiter rateLimiter, BrowserSpanExport export, WebConfig config, MeterRegistry registry) {
        this.rateLimiter = rateLimiter;
        this.export = export;
        this.config = config.telemetry();
        this.relayed = Counter.builder("learnhub.gateway.browser.spans")
                .description("Spans of browsers relayed to the trace backend")
                .register(registry);
    }

    /** Checks and relays one OTLP/JSON request from {@code clientAddress}; fails with the API error that answers it. */
    public Uni<Void> relay(String clientAddress, JsonNode request) {
        return rateLimiter.admit(GatewayRoute.WEB_TRACES, "address:" + clientAddress)
                .map(admitted -> OtlpJsonSpans.read(request, config.maxSpansPerRequest()))
                // an exporter may write to its backend on the calling thread: not on the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(this::send)
                .replaceWithVoid();
    }

    private void send(List<BrowserSpan> spans) {
        export.export(spans);
        relayed.increment(spans.size());
    }
}
