package io.learnhub.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.support.ClientAddress;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.PrivateRedisResource;
import io.learnhub.testing.PrometheusText;
import io.learnhub.testing.RedisServer;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Rate limits against a Redis of the test's own, with small buckets: two requests at once, one
 * more per second. Each test limits its own user, or its own client address on the webhook.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBuckets.class)
@WithTestResource(RecordingUpstreamResource.class)
class RateLimitTest {

    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "learnhub.gateway.rate-limit.enabled", "true",
                    "learnhub.gateway.routes.chat.rate-limit.burst", "2",
                    "learnhub.gateway.routes.chat.rate-limit.per-second", "1",
                    "learnhub.gateway.routes.payments-webhook.rate-limit.burst", "2",
                    "learnhub.gateway.routes.payments-webhook.rate-limit.per-second", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedisResource.class));
        }
    }

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    @Inject
    InMemorySpanExporter spans;

    private final RedisServer redis = PrivateRedisResource.server();

    @Test
    void aUserOverTheLimitGets429WithRetryAfterAndTheErrorBody() {
        String bearer = bearerOfNewUser();
        get(bearer, newCorrelationId()).then().statusCode(200);
        get(bearer, newCorrelationId()).then().statusCode(200);
        String correlationId = newCorrelationId();

        Response limited = get(bearer, correlationId);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header(RetryAfter.HEADER))).isBetween(1, 2);
        assertThat(limited.jsonPath().getString("error")).isEqualTo("rate_limited");
        assertThat(limited.jsonPath().getString("correlationId")).isEqualTo(correlationId);
        assertThat(limited.jsonPath().getString("traceId")).isEqualTo(traceIdOf(limited));
        assertThat(upstream.hasReceived(correlationId)).as("a limited request is not forwarded").isFalse();
    }

    @Test
    void aLimitedRequestIsAnEventOnItsServerSpanAndCounted() {
        String bearer = bearerOfNewUser();
        double before = limitedOnChat();
        get(bearer, newCorrelationId());
        get(bearer, newCorrelationId());

        Response limited = get(bearer, newCorrelationId());

        SpanData server = ExportedSpans.awaitTrace(spans, traceIdOf(limited), SpanKind.SERVER).ofKind(SpanKind.SERVER);
        assertThat(server.getAttributes().get(SharedSpans.ERROR_TYPE)).isEqualTo("rate_limited");
        EventData event = server.getEvents().stream().filter(e -> e.getName().equals(RateLimiter.RATE_LIMITED_EVENT))
                .findFirst().orElseThrow();
        assertThat(event.getAttributes().get(RateLimiter.ROUTE)).isEqualTo("chat");
        assertThat(event.getAttributes().get(RateLimiter.RETRY_AFTER_MS)).isPositive();
        assertThat(limitedOnChat()).isEqualTo(before + 1);
    }

    @Test
    void aLimitedUserIsServedAgainOnceTheBucketRefills() {
        String bearer = bearerOfNewUser();
        get(bearer, newCorrelationId());
        get(bearer, newCorrelationId());
        assertThat(get(bearer, newCorrelationId()).statusCode()).isEqualTo(429);

        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(bearer, newCorrelationId()).statusCode() == 200);
    }

    @Test
    void eachUserHasABucketOfTheirOwn() {
        String bearer = bearerOfNewUser();
        get(bearer, newCorrelationId());
        get(bearer, newCorrelationId());
        assertThat(get(bearer, newCorrelationId()).statusCode()).isEqualTo(429);

        assertThat(get(bearerOfNewUser(), newCorrelationId()).statusCode()).isEqualTo(200);
    }

    /** The bucket script runs by its SHA; a Redis that forgot it (SCRIPT FLUSH, a new server) is sent its text. */
    @Test
    void limitsStillApplyAfterRedisForgetsTheScript() {
        String bearer = bearerOfNewUser();
        get(bearer, newCorrelationId()).then().statusCode(200);
        redis.cli("SCRIPT", "FLUSH");

        get(bearer, newCorrelationId()).then().statusCode(200);
        // checked, not failed open: the script ran again
        assertThat(get(bearer, newCorrelationId()).statusCode()).isEqualTo(429);
    }

    @Test
    void theWebhookIsLimitedBySourceAddress() {
        // 127.0.0.9 is this test's own source address
        assertThat(webhookFrom("127.0.0.9").statusCode()).isEqualTo(200);
        assertThat(webhookFrom("127.0.0.9").statusCode()).isEqualTo(200);
        assertThat(webhookFrom("127.0.0.9").statusCode()).isEqualTo(429);
        assertThat(webhookFrom("127.0.0.10").statusCode()).isEqualTo(200);
    }

    @Test
    void withRedisDownTheGatewayKeepsServingUnlimitedAndCountsIt() {
        String bearer = bearerOfNewUser();
        double uncheckedBefore = uncheckedOnChat();
        redis.kill();
        try {
            for (int request = 0; request < 5; request++) {
                assertThat(get(bearer, newCorrelationId()).statusCode()).isEqualTo(200);
            }
            assertThat(uncheckedOnChat()).isEqualTo(uncheckedBefore + 5);
        } finally {
            redis.restart();
        }
        // Redis is back (empty): limits apply again
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(bearer, newCorrelationId()).statusCode() == 429);
    }

    private static Response get(String bearer, String correlationId) {
        return given().header("Authorization", bearer).header(CorrelationId.HEADER, correlationId).get("/api/chat/rooms");
    }

    private static Response webhookFrom(String sourceAddress) {
        return ClientAddress.from(sourceAddress).body("{}").post("/api/payments/webhook");
    }

    private static String bearerOfNewUser() {
        return "Bearer " + DevTokens.student(UUID.randomUUID().toString());
    }

    private static String newCorrelationId() {
        return "test-" + UUID.randomUUID();
    }

    private static String traceIdOf(Response response) {
        return TraceResponseHeader.parse(response.header("traceresponse")).traceId();
    }

    private static double limitedOnChat() {
        return PrometheusText.sum(given().get("/q/metrics").asString(), "learnhub_gateway_rate_limited_total", "route=\"chat\"");
    }

    private static double uncheckedOnChat() {
        return PrometheusText.sum(given().get("/q/metrics").asString(), "learnhub_gateway_rate_limit_unchecked_total",
                "route=\"chat\"");
    }
}
