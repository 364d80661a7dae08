package io.learnhub.gateway.support;

import io.vertx.core.MultiMap;

/** What the {@link RecordingUpstream} received: raw path and query, headers and body bytes. */
public record ReceivedRequest(String method, String path, String query, MultiMap headers, byte[] body) {
}
