package io.learnhub.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Two chat-service replicas of which the first is down (its port refuses connections) and the
 * second is the {@link RecordingUpstream}: a replica killed while the gateway still lists it.
 */
public class ChatReplicaDownResource extends RecordingUpstreamResource {

    @Override
    protected Map<String, String> upstreams(int port) {
        String live = "http://127.0.0.1:" + port;
        return Map.of(
                "learnhub.gateway.upstream.chat", "http://127.0.0.1:" + closedPort() + "," + live,
                "learnhub.gateway.upstream.payments", live,
                "learnhub.gateway.upstream.reports", live);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again on return: connecting to it is refused
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
