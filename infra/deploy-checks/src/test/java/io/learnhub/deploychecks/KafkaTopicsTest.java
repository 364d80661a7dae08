package io.learnhub.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The KafkaTopic resources of every render are exactly the topics of the code: each topic of
 * {@code Topics} and each topic a service's channel binds to (dead-letter topics included) is
 * declared, and nothing else is.
 */
class KafkaTopicsTest {

    @ParameterizedTest
    @ValueSource(strings = { "k8s/base", "k8s/overlays/dev", "k8s/overlays/prod" })
    void everyTopicOfTheCodeHasAKafkaTopic(String dir) {
        assertThat(KafkaTopicChecks.ofRepo().undeclaredProblems(K8sRenders.render(dir))).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "k8s/base", "k8s/overlays/dev", "k8s/overlays/prod" })
    void everyKafkaTopicIsATopicOfTheCodeOrItsDeadLetterTopic(String dir) {
        assertThat(KafkaTopicChecks.ofRepo().strayProblems(K8sRenders.render(dir))).as(dir).isEmpty();
    }

    @Test
    void everyConsumerDeadLettersToItsTopicsDlq() {
        assertThat(KafkaTopicChecks.ofRepo().deadLetterProblems()).isEmpty();
    }

    /** The checks read what the code really names: they would miss nothing if the parsing found nothing. */
    @Test
    void theCodesTopicsAreFound() {
        KafkaTopicChecks code = KafkaTopicChecks.ofRepo();
        assertThat(code.constants()).containsKeys("INVOICE_PAID", "ROOM_CREATED", "MESSAGE_SENT");
        assertThat(code.codeTopics()).containsKey(code.constants().get("INVOICE_PAID") + code.deadLetterSuffix());
    }

    @Nested
    class CatchesMistakes {

        private static final String TOPICS = """
                public final class Topics {
                    public static final String PAID = "payments.paid.v1";
                    public static final String SENT = "chat.sent.v1";
                    private static final String DEAD_LETTER_SUFFIX = ".dlq";
                }
                """;

        private static final String CHAT = """
                mp.messaging.incoming.paid-in.topic=payments.paid.v1
                mp.messaging.incoming.paid-in.failure-strategy=dead-letter-queue
                mp.messaging.incoming.paid-in.dead-letter-queue.topic=paid-dlq
                mp.messaging.incoming.sent-in.topic=chat.sent.v1
                mp.messaging.outgoing.typo-out.topic=chat.snet.v1
                %test.mp.messaging.outgoing.test-out.topic=only-in-tests
                """;

        private final KafkaTopicChecks code = KafkaTopicChecks.of(TOPICS, Map.of("chat-service", CHAT));

        private final List<K8sObject> render = K8sObject.parseAll("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: payments.paid.v1, namespace: learnhub}
                spec: {partitions: 1}
                ---
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: renamed-in-spec, namespace: learnhub}
                spec: {topicName: payments.paid.v1.dlq}
                ---
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: chat.old.v1, namespace: learnhub}
                spec: {partitions: 1}
                """);

        @Test
        void aTopicOfTopicsOrOfAChannelWithoutKafkaTopicFails() {
            assertThat(code.undeclaredProblems(render)).containsExactlyInAnyOrder(
                    "topic chat.snet.v1 (chat-service mp.messaging.outgoing.typo-out.topic) has no KafkaTopic",
                    "topic chat.sent.v1 (Topics.SENT, chat-service mp.messaging.incoming.sent-in.topic) has no KafkaTopic",
                    "topic paid-dlq (chat-service mp.messaging.incoming.paid-in.dead-letter-queue.topic) has no KafkaTopic");
        }

        @Test
        void aKafkaTopicTheCodeDoesNotNameFails() {
            assertThat(code.strayProblems(render))
                    .containsExactly("KafkaTopic chat.old.v1 is neither a topic of Topics nor <topic>.dlq of one");
        }

        @Test
        void aConsumerWithoutTheConventionalDeadLetterTopicFails() {
            assertThat(code.deadLetterProblems()).containsExactlyInAnyOrder(
                    "chat-service channel paid-in: dead-letter-queue.topic is paid-dlq, expected payments.paid.v1.dlq",
                    "chat-service channel sent-in: failure-strategy is null, not dead-letter-queue");
        }
    }
}
