package io.learnhub.gateway.websocket;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.gateway.routing.ClientConfig;
import io.learnhub.gateway.routing.RoundRobin;
import io.learnhub.gateway.routing.Upstream;
import io.learnhub.gateway.routing.UpstreamRoutes;
import io.learnhub.gateway.tracing.OutboundSocket;
import io.learnhub.gateway.tracing.OutboundSocketTracing;
import io.opentelemetry.context.Context;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.BasicWebSocketConnector.ExecutionModel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Bridges each client socket on the gateway's {@code /ws/chat} to a socket of its own on
 * chat-service's {@code /ws/chat}, a replica taken in turn when there are several, the next one
 * when the one taken cannot be reached.
 *
 * <p>The upstream handshake carries the caller's {@code Authorization} header (chat-service
 * verifies the token again), the gateway's {@code X-Correlation-ID}, and the W3C trace context and
 * baggage of the socket's CLIENT span. Opening it is bounded by
 * {@code learnhub.gateway.client.connect-timeout}, once for the TCP connection and once for the
 * handshake. What happens to frames and closes on either side is {@link BridgedSocket}'s job.
 */
@ApplicationScoped
public class ChatBridge {

    private static final String AUTHORIZATION = "Authorization";

    private static final UserData.TypedKey<BridgedSocket> BRIDGED_SOCKET = new UserData.TypedKey<>(BridgedSocket.class.getName());

    private final Instance<BasicWebSocketConnector> connectors;
    private final RoundRobin<Upstream> replicas;
    private final OutboundSocketTracing tracing;
    private final FrameRelayTracing frameTracing;
    private final int connectTimeoutMillis;
    private final int maxPendingFrames;

    ChatBridge(Instance<BasicWebSocketConnector> connectors, UpstreamRoutes routes, OutboundSocketTracing tracing,
            FrameRelayTracing frameTracing, ClientConfig clientConfig, ChatBridgeConfig config) {
        this.connectors = connectors;
        this.replicas = new RoundRobin<>(routes.chatReplicas());
        this.tracing = tracing;
        this.frameTracing = frameTracing;
        this.connectTimeoutMillis = Math.toIntExact(clientConfig.connectTimeout().toMillis());
        this.maxPendingFrames = config.maxPendingFrames();
    }

    /** Starts opening the upstream socket of a client that has just connected; it does not wait for it. */
    public void open(WebSocketConnection client) {
        Context upgrade = HandshakeContext.of(client);
        String correlationId = CorrelationId.from(upgrade)
                .orElseThrow(() -> new IllegalStateException("No correlation id: the upgrade request's context was not kept"));
        Upstream upstream = replicas.next();
        OutboundSocket socket = outboundSocket(upstream);
        BridgedSocket bridged = new BridgedSocket(client, upgrade, frameTracing, upstream, correlationId,
                tracing.start(upgrade, socket), maxPendingFrames);
        client.userData().put(BRIDGED_SOCKET, bridged);
        connect(client, bridged, upstream, socket, replicas.all().size() - 1, Vertx.currentContext());
    }

    private static OutboundSocket outboundSocket(Upstream upstream) {
        return new OutboundSocket(ChatSocket.PATH, upstream.webSocketUrlFor(ChatSocket.PATH), upstream.host(),
                upstream.port(), new LinkedHashMap<>());
    }

    /**
     * Opens the upstream socket on {@code upstream}. When that replica cannot be reached at all (its
     * port refuses connections or none is established in time: a replica that died or restarts), the
     * next replica is tried, each at most once, so one dead replica does not fail every other client.
     */
    private void connect(WebSocketConnection client, BridgedSocket bridged, Upstream upstream, OutboundSocket socket,
            int otherReplicas, io.vertx.core.Context clientContext) {
        BasicWebSocketConnector connector = connectors.get()
                .baseUri(upstream.webSocketUrlFor(""))
                .path(ChatSocket.PATH)
                // relays only: nothing here blocks, and the event loop keeps each direction in order
                .executionModel(ExecutionModel.NON_BLOCKING)
                .customizeOptions((connect, options) -> {
                    options.setConnectTimeout(connectTimeoutMillis);
                    connect.setTimeout(connectTimeoutMillis);
                    // the gateway is not a browser: no Origin header of its own
                    connect.setAllowOriginHeader(false);
                })
                .onTextMessage((upstreamSocket, frame) -> bridged.toClient(frame))
                .onClose((upstreamSocket, reason) -> bridged.upstreamClosed(reason))
                // present: the chat-socket permission lets only requests with a valid bearer token through
                .addHeader(AUTHORIZATION, client.handshakeRequest().header(AUTHORIZATION))
                .addHeader(CorrelationId.HEADER, bridged.correlationId());
        socket.headers().forEach(connector::addHeader);
        connector.connect()
                // a @Dependent bean from Instance stays referenced until destroyed: once the connection
                // is open (or has failed) the connector has done its job, whatever the socket's life
                .onTermination().invoke(() -> connectors.destroy(connector))
                // back on the client's duplicated context, the connector's own being a root context where
                // no OpenTelemetry context can be made current: the bridge's log lines carry the ids
                .emitOn(task -> clientContext.runOnContext(ignored -> task.run()))
                .subscribe().with(bridged::upstreamOpened, failure -> {
                    if (otherReplicas > 0 && neverReached(failure)) {
                        Upstream next = replicas.after(upstream);
                        OutboundSocket nextSocket = outboundSocket(next);
                        if (bridged.failOver(failure, next, () -> tracing.start(bridged.upgrade(), nextSocket))) {
                            connect(client, bridged, next, nextSocket, otherReplicas - 1, clientContext);
                            return;
                        }
                    }
                    bridged.upstreamFailed(failure);
                });
    }

    /** The handshake never reached the replica: the connection was refused or not established in time. */
    static boolean neverReached(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    public Uni<Void> toUpstream(WebSocketConnection client, String frame) {
        return bridged(client).toUpstream(frame);
    }

    public void clientClosed(WebSocketConnection client, CloseReason reason) {
        bridged(client).clientClosed(reason);
    }

    private static BridgedSocket bridged(WebSocketConnection client) {
        BridgedSocket bridged = client.userData().get(BRIDGED_SOCKET);
        if (bridged == null) {
            throw new IllegalStateException("Connection " + client.id() + " has no bridge: @OnOpen did not run");
        }
        return bridged;
    }
}
