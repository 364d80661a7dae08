package io.learnhub.gateway.tracing;

import java.util.Map;

/**
 * One WebSocket the gateway opens to an upstream, as its CLIENT span describes it: the route it
 * bridges (e.g. {@code /ws/chat}, which names the span), the handshake URL and the server it goes
 * to. {@code headers} are the handshake headers still to be sent: the span's trace context and
 * baggage are injected there.
 */
public record OutboundSocket(String route, String url, String serverAddress, int serverPort, Map<String, String> headers) {
}
