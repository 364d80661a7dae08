package io.learnhub.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;

class RouteRuleSamplerTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private final Sampler neverOtherwise = RouteRuleSampler.parentBased(List.of("/api/payments/webhook"),
            Set.of("send_weekly_reports"), 0.0);

    @Test
    void alwaysSamplesANewPaymentWebhookTrace() {
        assertThat(decide(Context.root(), SpanKind.SERVER, "/api/payments/webhook")).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void samplesOtherNewTracesAtTheRatio() {
        assertThat(decide(Context.root(), SpanKind.SERVER, "/api/chat/messages")).isEqualTo(SamplingDecision.DROP);
        Sampler always = RouteRuleSampler.parentBased(List.of("/api/payments/webhook"), Set.of(), 1.0);
        assertThat(always.shouldSample(Context.root(), TRACE_ID, "GET", SpanKind.SERVER,
                Attributes.of(RouteRuleSampler.URL_PATH, "/api/chat/messages"), List.of()).getDecision())
                .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void onlyServerSpansMatchRouteRules() {
        assertThat(decide(Context.root(), SpanKind.CLIENT, "/api/payments/webhook")).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void alwaysSamplesANewTraceOfANamedJob() {
        assertThat(neverOtherwise.shouldSample(Context.root(), TRACE_ID, "send_weekly_reports", SpanKind.INTERNAL,
                Attributes.empty(), List.of()).getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(neverOtherwise.shouldSample(Context.root(), TRACE_ID, "another_job", SpanKind.INTERNAL,
                Attributes.empty(), List.of()).getDecision()).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void childrenFollowTheirParentsDecision() {
        Context sampledParent = parent(TraceFlags.getSampled());
        Context droppedParent = parent(TraceFlags.getDefault());

        assertThat(decide(sampledParent, SpanKind.SERVER, "/api/chat/messages")).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(droppedParent, SpanKind.SERVER, "/api/payments/webhook")).isEqualTo(SamplingDecision.DROP);
    }

    private SamplingDecision decide(Context parent, SpanKind kind, String path) {
        return neverOtherwise.shouldSample(parent, TRACE_ID, "span", kind,
                Attributes.of(RouteRuleSampler.URL_PATH, path), List.of()).getDecision();
    }

    private static Context parent(TraceFlags flags) {
        SpanContext remote = SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7", flags, TraceState.getDefault());
        return Context.root().with(Span.wrap(remote));
    }
}
