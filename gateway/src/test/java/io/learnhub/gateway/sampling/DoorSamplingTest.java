package io.learnhub.gateway.sampling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.gateway.support.ClientAddress;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.testing.DevTokens;
import io.learnhub.testing.ExportedSpans;
import io.learnhub.testing.TraceParent;
import io.learnhub.testing.TraceResponseHeader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The gateway decides sampling for requests that bring a traceparent, with the ratio at 0 so that
 * every kept trace is kept for the reason under test. Each test sends its own client address
 * through a loopback alias, so budgets do not mix.
 */
@QuarkusTest
@TestProfile(DoorSamplingTest.NothingSampledByRatio.class)
@WithTestResource(RecordingUpstreamResource.class)
class DoorSamplingTest {

    private static final String TRUSTED_FRONTEND = "http://localhost:5173";
    private static final String STUDENT_BEARER = "Bearer " + DevTokens.student("2001");
    static final int BUDGET = 2;

    public static class NothingSampledByRatio implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("learnhub.sampling.ratio", "0.0",
                    "learnhub.gateway.sampling.caller-budget-per-minute", String.valueOf(BUDGET));
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void unsampledWebhookFromAnyoneIsStillSampledInTheCallersTrace() {
        TraceParent caller = TraceParent.random();

        Response response = given().header("traceparent", caller.unsampledHeader())
                .body("{}").post("/api/payments/webhook");

        TraceResponseHeader traceResponse = TraceResponseHeader.parse(response.header("traceresponse"));
        assertThat(traceResponse.traceId()).isEqualTo(caller.traceId());
        assertThat(traceResponse.flags()).isEqualTo("01");
        SpanData server = ExportedSpans.awaitTrace(spans, caller.traceId(), SpanKind.SERVER).ofKind(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(caller.spanId());
    }

    @Test
    void untrustedSampledFlagIsLeftToTheRatio() {
        TraceParent caller = TraceParent.random();

        // a script, not the suite's frontend: no Origin (one outside the CORS origins gets 403)
        Response response = given().header("traceparent", caller.header())
                .header("Authorization", STUDENT_BEARER)
                .get("/api/chat/rooms");

        assertThat(response.statusCode()).isEqualTo(200);
        TraceResponseHeader traceResponse = TraceResponseHeader.parse(response.header("traceresponse"));
        assertThat(traceResponse.traceId()).as("the caller's trace id is kept").isEqualTo(caller.traceId());
        assertThat(traceResponse.flags()).as("but not its decision").isEqualTo("00");
        assertNothingExported(caller);
    }

    @Test
    void trustedOriginsSampledFlagIsHonoured() {
        TraceParent caller = TraceParent.random();

        Response response = given().header("traceparent", caller.header()).header("Origin", TRUSTED_FRONTEND)
                .header("Authorization", STUDENT_BEARER)
                .get("/api/chat/rooms");

        assertThat(TraceResponseHeader.parse(response.header("traceresponse")).flags()).isEqualTo("01");
        SpanData server = ExportedSpans.awaitTrace(spans, caller.traceId(), SpanKind.CLIENT).ofKind(SpanKind.SERVER);
        assertThat(server.getAttributes().get(EdgeSampler.SAMPLED_BY_CALLER)).isTrue();
    }

    @Test
    void aTrustedOriginBeyondItsClientsBudgetIsLeftToTheRatio() {
        // 127.0.0.5 is this test's own client address: the budget is per address
        for (int i = 0; i < BUDGET; i++) {
            assertThat(sampledFlag(TraceParent.random(), "127.0.0.5")).isEqualTo("01");
        }
        TraceParent overBudget = TraceParent.random();
        assertThat(sampledFlag(overBudget, "127.0.0.5")).isEqualTo("00");
        assertNothingExported(overBudget);
    }

    private String sampledFlag(TraceParent caller, String clientAddress) {
        Response response = ClientAddress.from(clientAddress)
                .header("traceparent", caller.header()).header("Origin", TRUSTED_FRONTEND)
                .header("Authorization", STUDENT_BEARER)
                .get("/api/chat/rooms");
        return TraceResponseHeader.parse(response.header("traceresponse")).flags();
    }

    /**
     * Spans are exported in the order they end: once a webhook sent afterwards (always sampled)
     * has been exported, the caller's request would have been too.
     */
    private void assertNothingExported(TraceParent caller) {
        TraceParent marker = TraceParent.random();
        given().header("traceparent", marker.header()).body("{}").post("/api/payments/webhook");
        ExportedSpans.awaitTrace(spans, marker.traceId(), SpanKind.SERVER);
        assertThat(ExportedSpans.matching(spans, ExportedSpans.inTrace(caller.traceId()))).isEmpty();
    }
}
