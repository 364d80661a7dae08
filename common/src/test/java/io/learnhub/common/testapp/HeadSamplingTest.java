package io.learnhub.common.testapp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With a ratio of 0, only the always-sampled routes produce traces. */
@QuarkusTest
@TestProfile(HeadSamplingTest.NothingButThings.class)
class HeadSamplingTest {

    public static class NothingButThings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("learnhub.sampling.ratio", "0.0", "learnhub.sampling.always-sampled-routes", "/probe/things");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void keepsAlwaysSampledRoutesAndDropsTheRest() {
        given().header(CorrelationId.HEADER, "sampling-dropped").get("/probe/correlation").then().statusCode(200);
        given().header(CorrelationId.HEADER, "sampling-kept").get("/probe/things/1").then().statusCode(404);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> correlationIdsExported().contains("sampling-kept"));
        assertThat(correlationIdsExported()).doesNotContain("sampling-dropped");
    }

    private java.util.List<String> correlationIdsExported() {
        return spans.getFinishedSpanItems().stream()
                .map(span -> span.getAttributes().get(SharedSpans.CORRELATION_ID))
                .toList();
    }
}
