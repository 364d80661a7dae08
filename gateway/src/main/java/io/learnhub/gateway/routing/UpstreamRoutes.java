package io.learnhub.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.learnhub.common.error.NotFoundException;

/**
 * Which upstream serves an {@code /api/<prefix>/...} path: {@code chat} → chat-service,
 * {@code payments} → payment-service, {@code reports} → report-service. When an upstream has
 * several replicas (chat-service may), successive requests go to them in turn.
 */
@ApplicationScoped
public class UpstreamRoutes {

    static final String API_ROOT = "/api/";

    private final List<Upstream> chatReplicas;
    private final Map<String, RoundRobin<Upstream>> byPrefix;

    UpstreamRoutes(UpstreamConfig config) {
        this.chatReplicas = config.chat().stream().map(baseUri -> new Upstream("chat", "chat-service", baseUri)).toList();
        this.byPrefix = Map.of(
                "chat", new RoundRobin<>(chatReplicas),
                "payments", single("payments", "payment-service", config.payments()),
                "reports", single("reports", "report-service", config.reports()));
    }

    /**
     * Every chat-service replica, for the WebSocket bridge: it takes turns over them on its own,
     * so that connections spread evenly whatever the HTTP traffic in between.
     */
    public List<Upstream> chatReplicas() {
        return chatReplicas;
    }

    /**
     * The upstream for a raw request path such as {@code /api/chat/rooms}.
     *
     * @throws NotFoundException when the path names no known prefix
     */
    public Upstream resolve(String rawPath) {
        return prefixOf(rawPath)
                .map(byPrefix::get)
                .map(RoundRobin::next)
                .orElseThrow(() -> new NotFoundException("API route", rawPath));
    }

    private static RoundRobin<Upstream> single(String prefix, String name, URI baseUri) {
        return new RoundRobin<>(List.of(new Upstream(prefix, name, baseUri)));
    }

    private static Optional<String> prefixOf(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(API_ROOT)) {
            return Optional.empty();
        }
        int end = rawPath.indexOf('/', API_ROOT.length());
        return Optional.of(end < 0 ? rawPath.substring(API_ROOT.length()) : rawPath.substring(API_ROOT.length(), end));
    }
}
