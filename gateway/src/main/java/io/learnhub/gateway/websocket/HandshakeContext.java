package io.learnhub.gateway.websocket;

import jakarta.inject.Singleton;

import io.opentelemetry.context.Context;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the OpenTelemetry context of the upgrade request with the connection it opens: the
 * gateway's HTTP server span of {@code GET /ws/chat} (a child of the caller's {@code traceparent},
 * if any) and the baggage that holds the request's correlation id.
 *
 * <p>websockets-next calls {@code @OnOpen} on a fresh Vert.x duplicated context, where nothing of
 * the request is current: {@code Span.current()} is invalid and the baggage empty. Upgrade checks,
 * however, run inside the request, so this one takes the request's context and hands it on in the
 * connection's user data; the bridge's CLIENT span is started under it and the correlation id read
 * from it. Extracting {@code traceparent} from the handshake headers instead would skip the
 * gateway's server span, and find no correlation id when the caller sent none.
 */
@Singleton
public class HandshakeContext implements HttpUpgradeCheck {

    private static final UserData.TypedKey<Context> UPGRADE_CONTEXT = new UserData.TypedKey<>(HandshakeContext.class.getName());

    /** The context of the request that opened the connection, or the root context if none was kept. */
    static Context of(WebSocketConnection connection) {
        Context upgrade = connection.userData().get(UPGRADE_CONTEXT);
        return upgrade == null ? Context.root() : upgrade;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext upgrade) {
        upgrade.userData().put(UPGRADE_CONTEXT, Context.current());
        return CheckResult.permitUpgrade();
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return ChatSocket.class.getName().equals(endpointId);
    }
}
