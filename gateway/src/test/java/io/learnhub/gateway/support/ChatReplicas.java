package io.learnhub.gateway.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The two chat-service stand-ins of {@link ChatReplicasResource}, looked up together. */
public record ChatReplicas(RecordingUpstream first, RecordingUpstream second) {

    public List<RecordingUpstream> both() {
        return List.of(first, second);
    }

    /** The replica that received the WebSocket handshake carrying this X-Correlation-ID, once it has. */
    public RecordingUpstream awaitReplicaOf(String correlationId) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> both().stream().filter(replica -> replica.findSocket(correlationId).isPresent()).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The WebSocket whose handshake carried this X-Correlation-ID, on whichever replica it landed. */
    public RecordedSocket awaitSocket(String correlationId) {
        return awaitReplicaOf(correlationId).findSocket(correlationId).orElseThrow();
    }

    /** Whether any replica received a WebSocket handshake with this X-Correlation-ID. */
    public boolean hasSocket(String correlationId) {
        return both().stream().anyMatch(replica -> replica.findSocket(correlationId).isPresent());
    }

    public void holdHandshakes() {
        both().forEach(RecordingUpstream::holdHandshakes);
    }

    public void releaseHandshakes() {
        both().forEach(RecordingUpstream::releaseHandshakes);
    }
}
