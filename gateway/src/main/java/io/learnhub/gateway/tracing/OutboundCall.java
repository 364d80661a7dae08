package io.learnhub.gateway.tracing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

/**
 * One HTTP call the gateway makes to an upstream, as its CLIENT span describes it. {@code headers}
 * are the request headers still to be sent: the span's trace context and baggage are injected there.
 */
public record OutboundCall(HttpMethod method, String url, String serverAddress, int serverPort, MultiMap headers) {
}
