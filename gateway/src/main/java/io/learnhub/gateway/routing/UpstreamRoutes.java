package io.learnhub.gateway.routing;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.NotFoundException;

/**
 * Which upstream serves an {@code /api/<prefix>/...} path: {@code chat} → chat-service,
 * {@code payments} → payment-service, {@code reports} → report-service.
 */
@ApplicationScoped
public class UpstreamRoutes {

    static final String API_ROOT = "/api/";

    private final Map<String, Upstream> byPrefix;

    UpstreamRoutes(UpstreamConfig config) {
        this.byPrefix = Map.of(
                "chat", new Upstream("chat", "chat-service", config.chat()),
                "payments", new Upstream("payments", "payment-service", config.payments()),
                "reports", new Upstream("reports", "report-service", config.reports()));
    }

    /**
     * The upstream for a raw request path such as {@code /api/chat/rooms}.
     *
     * @throws NotFoundException when the path names no known prefix
     */
    public Upstream resolve(String rawPath) {
        return prefixOf(rawPath)
                .map(byPrefix::get)
                .orElseThrow(() -> new NotFoundException("API route", rawPath));
    }

    private static Optional<String> prefixOf(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(API_ROOT)) {
            return Optional.empty();
        }
        int end = rawPath.indexOf('/', API_ROOT.length());
        return Optional.of(end < 0 ? rawPath.substring(API_ROOT.length()) : rawPath.substring(API_ROOT.length(), end));
    }
}
