package io.learnhub.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Upstreams that fail: report-service is down (its port refuses connections); chat-service has
 * two replicas, the first down and the second a {@link RecordingUpstream}; payment-service is
 * the recording upstream too.
 */
public class FailingUpstreamsResource implements QuarkusTestResourceLifecycleManager {

    public static final String LIVE_CHAT_HOST = "127.0.0.1";

    private RecordingUpstream upstream;

    @Override
    public Map<String, String> start() {
        try {
            upstream = RecordingUpstream.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the recording upstream", e);
        }
        return Map.of(
                "learnhub.gateway.upstream.chat", "http://127.0.0.1:" + closedPort() + ",http://" + LIVE_CHAT_HOST + ":" + upstream.port(),
                "learnhub.gateway.upstream.payments", "http://127.0.0.2:" + upstream.port(),
                "learnhub.gateway.upstream.reports", "http://127.0.0.1:" + closedPort());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(upstream,
                new TestInjector.AnnotatedAndMatchesType(InjectRecordingUpstream.class, RecordingUpstream.class));
    }

    @Override
    public void stop() {
        if (upstream != null) {
            try {
                upstream.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop the recording upstream", e);
            }
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again on return: connecting to it is refused
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
