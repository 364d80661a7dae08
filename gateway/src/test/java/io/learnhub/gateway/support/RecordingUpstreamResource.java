package io.learnhub.gateway.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one {@link RecordingUpstream} and points all three upstreams at it, each through its own
 * loopback address (chat → 127.0.0.1, payments → 127.0.0.2, reports → 127.0.0.3) so a test can
 * tell from the Host header which upstream the gateway chose.
 */
public class RecordingUpstreamResource implements QuarkusTestResourceLifecycleManager {

    public static final String CHAT_HOST = "127.0.0.1";
    public static final String PAYMENTS_HOST = "127.0.0.2";
    public static final String REPORTS_HOST = "127.0.0.3";

    private RecordingUpstream upstream;

    @Override
    public Map<String, String> start() {
        try {
            upstream = RecordingUpstream.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the recording upstream", e);
        }
        return upstreams(upstream.port());
    }

    /** Where the upstreams are, given the recording upstream's port. */
    protected Map<String, String> upstreams(int port) {
        return Map.of(
                "learnhub.gateway.upstream.chat", "http://" + CHAT_HOST + ":" + port,
                "learnhub.gateway.upstream.payments", "http://" + PAYMENTS_HOST + ":" + port,
                "learnhub.gateway.upstream.reports", "http://" + REPORTS_HOST + ":" + port);
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
}
