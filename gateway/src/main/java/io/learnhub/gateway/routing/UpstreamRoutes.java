package io.learnhub.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which upstream serves an {@code /api/<prefix>/...} path: {@code chat} → chat-service,
 * {@code payments} → payment-service, {@code reports} → report-service. When an upstream has
 * several replicas (chat-service may), successive requests go to them in turn.
 */
@ApplicationScoped
public class UpstreamRoutes {

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

    /** Every upstream replica the gateway forwards to. */
    public List<Upstream> all() {
        return byPrefix.values().stream().flatMap(replicas -> replicas.all().stream()).toList();
    }

    public int replicaCount(GatewayRoute route) {
        return byPrefix.get(route.upstreamPrefix()).all().size();
    }

    /** The upstream (the next replica, when it has several) that serves a route. */
    public Upstream resolve(GatewayRoute route) {
        return byPrefix.get(route.upstreamPrefix()).next();
    }

    private static RoundRobin<Upstream> single(String prefix, String name, URI baseUri) {
        return new RoundRobin<>(List.of(new Upstream(prefix, name, baseUri)));
    }
}
