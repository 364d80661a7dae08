package io.learnhub.gateway.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.net.AddressRanges;
import io.learnhub.gateway.ratelimit.RateLimitedException;
import io.learnhub.gateway.ratelimit.RateLimiter;
import io.learnhub.gateway.routing.GatewayRoute;
import io.learnhub.gateway.routing.PayloadTooLargeException;
import io.learnhub.gateway.routing.RouteConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Relays the spans of the web frontend to the trace backend, so that a trace starts at the user's
 * click: the browser never talks to the backend itself. What a browser may send is bounded three
 * ways: its body (route {@code web-traces}: 413 before it is read when {@code Content-Length}
 * says so, measured here otherwise), its rate per client address (an IPv6 client by its /64), and
 * the spans of all browsers together per second in this replica ({@link SpanBudget}). The spans
 * are checked and their resource set by {@link OtlpJsonSpans}, then handed to
 * {@link BrowserSpanExport}.
 */
@ApplicationScoped
public class BrowserSpans {

    private static final String METRIC = "learnhub.gateway.browser.spans";

    private final RateLimiter rateLimiter;
    private final BrowserSpanExport export;
    private final ObjectMapper objectMapper;
    private final WebConfig.Telemetry config;
    private final MemorySize maxBody;
    private final SpanBudget budget;
    private final Counter relayed;
    private final Counter refused;

    BrowserSpans(RateLimiter rateLimiter, BrowserSpanExport export, ObjectMapper objectMapper, WebConfig config,
            RouteConfig routes, MeterRegistry registry) {
        this.rateLimiter = rateLimiter;
        this.export = export;
        this.objectMapper = objectMapper;
        this.config = config.telemetry();
        this.maxBody = routes.webTraces().maxRequestBody();
        this.budget = new SpanBudget(this.config.maxSpansPerSecond(), System::nanoTime);
        this.relayed = outcome(registry, "relayed");
        this.refused = outcome(registry, "refused");
    }

    /** Checks and relays one OTLP/JSON request from {@code clientAddress}; fails with the API error that answers it. */
    public Uni<Void> relay(String clientAddress, byte[] body) {
        if (body.length > maxBody.asLongValue()) {
            return Uni.createFrom().failure(new PayloadTooLargeException(GatewayRoute.WEB_TRACES, maxBody));
        }
        return rateLimiter.admit(GatewayRoute.WEB_TRACES, "address:" + AddressRanges.subscriberOf(clientAddress))
                .map(admitted -> OtlpJsonSpans.read(json(body), config.maxSpansPerRequest()))
                .invoke(this::takeFromBudget)
                // an exporter may write to its backend on the calling thread: not on the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(this::send)
                .replaceWithVoid();
    }

    private JsonNode json(byte[] body) {
        try {
            return objectMapper.readTree(body);
        } catch (IOException malformed) {
            throw InvalidSpansException.malformed();
        }
    }

    private void takeFromBudget(List<BrowserSpan> spans) {
        if (!budget.tryTake(spans.size())) {
            refused.increment(spans.size());
            throw new RateLimitedException(GatewayRoute.WEB_TRACES, Duration.ofSeconds(1));
        }
    }

    private void send(List<BrowserSpan> spans) {
        export.export(spans);
        relayed.increment(spans.size());
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder(METRIC)
                .description("Spans of browsers: relayed to the trace backend, or refused because this replica's budget was spent")
                .tag("outcome", outcome)
                .register(registry);
    }
}
