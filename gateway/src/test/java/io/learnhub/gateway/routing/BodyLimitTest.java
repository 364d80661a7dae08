package io.learnhub.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.common.correlation.CorrelationId;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Body limits per route: 1 MiB by default, 64 KiB on the payment webhook, 1 MiB on responses. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class BodyLimitTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");
    private static final int MIB = 1024 * 1024;
    private static final int WEBHOOK_LIMIT = 64 * 1024;

    @InjectRecordingUpstream
    RecordingUpstream upstream;

    @Inject
    InMemorySpanExporter spans;

    @TestHTTPResource("/api/payments/webhook")
    URI webhook;

    @Test
    void aBodyOverTheDefaultLimitIs413WithTheErrorBodyAndIsNotForwarded() {
        String correlationId = "test-" + UUID.randomUUID();

        Response response = given().header("Authorization", STUDENT_BEARER).header(CorrelationId.HEADER, correlationId)
                .contentType("application/json").body(new byte[MIB + 1])
                .post("/api/chat/messages");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.jsonPath().getString("error")).isEqualTo("payload_too_large");
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(correlationId);
        String traceId = TraceResponseHeader.parse(response.header("traceresponse")).traceId();
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(traceId);
        assertThat(upstream.hasReceived(correlationId)).isFalse();
        assertThat(ExportedSpans.awaitTrace(spans, traceId, SpanKind.SERVER).ofKind(SpanKind.SERVER).getAttributes()
                .get(SharedSpans.ERROR_TYPE)).isEqualTo("payload_too_large");
    }

    @Test
    void aBodyOfExactlyTheLimitIsForwarded() {
        given().header("Authorization", STUDENT_BEARER).contentType("application/json").body(new byte[MIB])
                .post("/api/chat/messages")
                .then().statusCode(200);
    }

    @Test
    void theWebhookTakes64KiB() {
        given().contentType("application/json").body(new byte[WEBHOOK_LIMIT]).post("/api/payments/webhook")
                .then().statusCode(200);
        Response tooLarge = given().contentType("application/json").body(new byte[WEBHOOK_LIMIT + 1])
                .post("/api/payments/webhook");

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.jsonPath().getString("error")).isEqualTo("payload_too_large");
    }

    @Test
    void aChunkedWebhookBodyOverItsLimitIs413Too() throws Exception {
        String correlationId = "test-" + UUID.randomUUID();
        // a stream of unknown length is sent chunked, without Content-Length
        HttpRequest chunked = HttpRequest.newBuilder(webhook)
                .header("Content-Type", "application/json").header(CorrelationId.HEADER, correlationId)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[WEBHOOK_LIMIT + 1])))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"payload_too_large\"");
        assertThat(upstream.hasReceived(correlationId)).isFalse();
    }

    @Test
    void aResponseOverTheLimitIs502() {
        given().header("Authorization", STUDENT_BEARER).get("/api/chat/rooms" + RecordingUpstream.BYTES_SEGMENT + MIB)
                .then().statusCode(200);

        Response response = given().header("Authorization", STUDENT_BEARER)
                .get("/api/chat/rooms" + RecordingUpstream.BYTES_SEGMENT + (MIB + 1));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.jsonPath().getString("error")).isEqualTo("upstream_response_too_large");
    }
}
