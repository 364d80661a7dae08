package io.learnhub.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Upstreams that fail: report-service is down (its port refuses connections); chat-service has
 * two replicas, the first down and the second a {@link RecordingUpstream}; payment-service is
 * the recording upstream too.
 */
public class FailingUpstreamsResource extends RecordingUpstreamResource {

    @Override
    protected Map<String, String> upstreams(int port) {
        return Map.of(
                "learnhub.gateway.upstream.chat", "http://127.0.0.1:" + closedPort() + ",http://127.0.0.1:" + port,
                "learnhub.gateway.upstream.payments", "http://127.0.0.2:" + port,
                "learnhub.gateway.upstream.reports", "http://127.0.0.1:" + closedPort());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again on return: connecting to it is refused
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
