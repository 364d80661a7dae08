package io.learnhub.gateway.tracing;

import static io.opentelemetry.semconv.HttpAttributes.HTTP_ROUTE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.learnhub.testing.ExportedSpans;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Proxied requests are named after their upstream's route, not the catch-all JAX-RS template. */
@QuarkusTest
@WithTestResource(RecordingUpstreamResource.class)
class RouteNamingTest {

    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void serverSpanIsNamedAfterTheUpstreamRoute() {
        Response response = given().header("Authorization", STUDENT_BEARER)
                .post("/api/chat/rooms/c0ffee00-0000-4000-8000-000000000002/members");

        SpanData serverSpan = ExportedSpans.awaitTrace(spans,
                TraceResponseHeader.parse(response.header("traceresponse")).traceId(), SpanKind.SERVER).ofKind(SpanKind.SERVER);
        assertThat(serverSpan.getName()).isEqualTo("POST /api/chat/{path}");
        assertThat(serverSpan.getAttributes().get(HTTP_ROUTE)).isEqualTo("/api/chat/{path}");
    }

    @Test
    void serverMetricsAreTaggedWithTheUpstreamRoute() {
        given().header("Authorization", STUDENT_BEARER).get("/api/reports/stats").then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines())
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("status=\"200\"") && line.contains("uri=\"/api/reports/{path}\""));
    }
}
