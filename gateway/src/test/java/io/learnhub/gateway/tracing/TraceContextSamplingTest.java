package io.learnhub.gateway.tracing;

import static io.learnhub.gateway.tracing.TraceContextConformanceTest.PARENT_ID;
import static io.learnhub.gateway.tracing.TraceContextConformanceTest.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.learnhub.gateway.support.InjectRecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstream;
import io.learnhub.gateway.support.RecordingUpstreamResource;
import io.learnhub.gateway.support.TraceContextHarness;
import io.learnhub.gateway.support.TraceContextHarness.Outcome;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The sampled flag of trace-flags is a recommendation (W3C Trace Context, "trace-flags" and its
 * security considerations): the gateway honours a caller's {@code 01} only from a trusted origin
 * (docs/architecture.md, Sampling). With the ratio at 0 every sampled outcome here is the caller's
 * doing. Whatever the decision, the trace id is kept and the reserved bits are sent as zero.
 */
@QuarkusTest
@TestProfile(TraceContextSamplingTest.NothingSampledByRatio.class)
@WithTestResource(RecordingUpstreamResource.class)
class TraceContextSamplingTest {

    /** One of the %test trusted origins. */
    private static final String TRUSTED_FRONTEND = "http://localhost:5173";

    public static class NothingSampledByRatio implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("learnhub.sampling.ratio", "0.0");
        }
    }

    @InjectRecordingUpstream
    RecordingUpstream receiver;

    private TraceContextHarness harness;

    @BeforeEach
    void harness() {
        harness = new TraceContextHarness(receiver);
    }

    @Test
    void untrustedCallersSampledFlagIsNotHonoured() {
        Outcome outcome = harness.send("traceparent", traceparent("01"));

        assertThat(outcome.traceparent().traceId()).isEqualTo(TRACE_ID);
        assertThat(outcome.traceparent().flags()).isEqualTo("00");
        assertThat(outcome.traceResponse().flags()).isEqualTo("00");
    }

    @Test
    void trustedFrontendsSampledFlagIsHonoured() {
        Outcome outcome = harness.send("traceparent", traceparent("01"), "Origin", TRUSTED_FRONTEND);

        assertThat(outcome.traceparent().traceId()).isEqualTo(TRACE_ID);
        assertThat(outcome.traceparent().flags()).isEqualTo("01");
        assertThat(outcome.traceResponse().flags()).isEqualTo("01");
    }

    @Test
    void unsampledFlagIsPassedOnAsUnsampled() {
        Outcome outcome = harness.send("traceparent", traceparent("00"), "Origin", TRUSTED_FRONTEND);

        assertThat(outcome.traceparent().traceId()).isEqualTo(TRACE_ID);
        assertThat(outcome.traceparent().flags()).isEqualTo("00");
    }

    @Test
    void reservedBitsAreZeroWhetherTheSampledBitIsHonouredOrNot() {
        assertThat(harness.send("traceparent", traceparent("ff"), "Origin", TRUSTED_FRONTEND).traceparent().flags()).isEqualTo("01");
        assertThat(harness.send("traceparent", traceparent("ff")).traceparent().flags()).isEqualTo("00");
        assertThat(harness.send("traceparent", traceparent("fe"), "Origin", TRUSTED_FRONTEND).traceparent().flags()).isEqualTo("00");
    }

    private static String traceparent(String flags) {
        return "00-" + TRACE_ID + "-" + PARENT_ID + "-" + flags;
    }
}
