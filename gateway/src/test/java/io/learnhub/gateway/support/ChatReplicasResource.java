package io.learnhub.gateway.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts two {@link RecordingUpstream}s as two chat-service replicas and lists both in
 * {@code learnhub.gateway.upstream.chat}, the way a deployment with several replicas does;
 * payment- and report-service point at the first.
 */
public class ChatReplicasResource implements QuarkusTestResourceLifecycleManager {

    private ChatReplicas replicas;

    @Override
    public Map<String, String> start() {
        try {
            replicas = new ChatReplicas(RecordingUpstream.start(), RecordingUpstream.start());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the chat replicas", e);
        }
        String first = "http://127.0.0.1:" + replicas.first().port();
        String second = "http://127.0.0.1:" + replicas.second().port();
        return Map.of(
                "learnhub.gateway.upstream.chat", first + "," + second,
                "learnhub.gateway.upstream.payments", first,
                "learnhub.gateway.upstream.reports", first);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(replicas,
                new TestInjector.AnnotatedAndMatchesType(InjectChatReplicas.class, ChatReplicas.class));
    }

    @Override
    public void stop() {
        if (replicas != null) {
            try {
                replicas.first().stop();
                replicas.second().stop();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop the chat replicas", e);
            }
        }
    }
}
