package io.learnhub.gateway.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.learnhub.common.tracing.RouteRuleSampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

class EdgeSamplerTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String FRONTEND = "https://app.learnhub.example";
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theWebhookIsSampledWhateverTheCallerSays() {
        Sampler sampler = sampler(0.0, 10);

        SamplingResult result = decide(sampler, caller(false, "https://evil.example"), "/api/payments/webhook");

        assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void anUntrustedCallersSampledFlagLeavesItToTheRatio() {
        assertThat(decide(sampler(0.0, 10), caller(true, "https://evil.example"), "/api/chat/rooms").getDecision())
                .isEqualTo(SamplingDecision.DROP);
        assertThat(decide(sampler(0.0, 10), caller(true, null), "/api/chat/rooms").getDecision())
                .isEqualTo(SamplingDecision.DROP);
        assertThat(outcome(EdgeSampler.OUTCOME_UNTRUSTED)).isEqualTo(2);
    }

    @Test
    void aTrustedCallersSampledFlagIsHonouredAndSaysSo() {
        SamplingResult result = decide(sampler(0.0, 10), caller(true, FRONTEND), "/api/chat/rooms");

        assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(result.getAttributes().get(EdgeSampler.SAMPLED_BY_CALLER)).isTrue();
        assertThat(outcome(EdgeSampler.OUTCOME_HONOURED)).isEqualTo(1);
    }

    @Test
    void aTrustedCallerBeyondItsBudgetIsLeftToTheRatio() {
        Sampler sampler = sampler(0.0, 2);
        Context trusted = caller(true, FRONTEND);

        assertThat(decide(sampler, trusted, "/api/chat/rooms").getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(sampler, trusted, "/api/chat/rooms").getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(sampler, trusted, "/api/chat/rooms").getDecision()).isEqualTo(SamplingDecision.DROP);
        assertThat(outcome(EdgeSampler.OUTCOME_OVER_BUDGET)).isEqualTo(1);
    }

    @Test
    void aCallerCannotUnsampleWhatTheRatioKeeps() {
        SamplingResult result = decide(sampler(1.0, 10), caller(false, FRONTEND), "/api/chat/rooms");

        assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(result.getAttributes().get(EdgeSampler.SAMPLED_BY_CALLER)).isNull();
    }

    @Test
    void theBudgetIsNotSpentOnRequestsTheGatewayKeepsAnyway() {
        Sampler sampler = sampler(1.0, 1);

        decide(sampler, caller(true, FRONTEND), "/api/chat/rooms");
        decide(sampler, caller(true, FRONTEND), "/api/chat/rooms");

        assertThat(outcome(EdgeSampler.OUTCOME_HONOURED)).isZero();
    }

    @Test
    void aRemoteParentOfAnotherKindOfSpanIsFollowed() {
        Sampler sampler = sampler(0.0, 10);

        assertThat(sampler.shouldSample(caller(true, null), TRACE_ID, "step", SpanKind.INTERNAL, Attributes.empty(), List.of())
                .getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void aRelayedFrameIsJudgedAtTheDoorLikeARequest() {
        Sampler sampler = sampler(0.0, 10);

        assertThat(sampler.shouldSample(caller(true, "https://evil.example"), TRACE_ID, "relay_frame", SpanKind.CONSUMER,
                Attributes.empty(), List.of()).getDecision()).as("untrusted origin").isEqualTo(SamplingDecision.DROP);
        assertThat(sampler.shouldSample(caller(true, FRONTEND), TRACE_ID, "relay_frame", SpanKind.CONSUMER,
                Attributes.empty(), List.of()).getDecision()).as("the suite's frontend").isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    private Sampler sampler(double ratio, int budgetPerMinute) {
        Sampler rules = new RouteRuleSampler(List.of("/api/payments/webhook"), Set.of(), new EdgeSampler.ByChance(ratio));
        return new EdgeSampler(rules, Set.of(FRONTEND), new CallerSamplingBudget(budgetPerMinute, 1000, 100, () -> 0L), registry);
    }

    private static SamplingResult decide(Sampler sampler, Context parent, String path) {
        return sampler.shouldSample(parent, TRACE_ID, "GET", SpanKind.SERVER, Attributes.of(URL_PATH, path), List.of());
    }

    private static Context caller(boolean sampled, String origin) {
        SpanContext remote = SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7",
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return new InboundCaller(origin, "203.0.113.7").storeIn(Context.root().with(Span.wrap(remote)));
    }

    private double outcome(String outcome) {
        return registry.counter("learnhub.gateway.caller.sampling", "outcome", outcome).count();
    }
}
