package io.learnhub.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kafka, KafkaNodePool and KafkaTopic in every render match Strimzi's API model (0.47). */
class StrimziResourcesTest {

    @ParameterizedTest
    @ValueSource(strings = { "k8s/base", "k8s/overlays/dev", "k8s/overlays/prod" })
    void strimziResourcesUseOnlyFieldsOfTheStrimziModel(String dir) {
        List<K8sObject> objects = K8sRenders.render(dir);
        assertThat(objects).as(dir + " deploys Kafka through Strimzi")
                .anyMatch(object -> object.is("Kafka")).anyMatch(object -> object.is("KafkaTopic"));
        assertThat(StrimziModel.problems(objects)).as(dir).isEmpty();
    }

    @Nested
    class CatchesMistakes {

        @Test
        void misspeltNestedFieldFails() {
            List<K8sObject> objects = K8sObject.parseAll(Repo.resource("fixtures/k8s/strimzi-unknown-field.yaml"));

            assertThat(StrimziModel.problems(objects))
                    .anySatisfy(problem -> assertThat(problem).startsWith("Kafka learnhub/broken.spec.kafka").contains("replicationFactr"))
                    .anySatisfy(problem -> assertThat(problem).startsWith("KafkaTopic learnhub/broken.spec").contains("retentionMs"));
        }
    }
}
