package io.learnhub.gateway.sampling;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * The decision for a request (a SERVER span) or a WebSocket frame (the CONSUMER span that relays
 * it) that arrives with the caller's trace context. The trace id is kept,
 * so a browser's trace continues, but the caller's sampled flag is only a request:
 * <ol>
 * <li>the gateway's own rules come first: an always-sampled route (the payment webhook) is
 * sampled even when the caller says {@code 00}, and the ratio keeps its share of the rest;</li>
 * <li>a caller's {@code 01} then keeps a request the rules would drop only when the caller is a
 * trusted origin and its address still has budget;</li>
 * <li>a caller can thus raise sampling, within bounds, and never lower it.</li>
 * </ol>
 * The ratio is drawn at random here, not from the trace id: a caller chooses its trace ids, and
 * could otherwise pick ones the ratio always keeps.
 */
final class EdgeSampler implements Sampler {

    /** On the gateway's server span when it is sampled only because a trusted caller asked. */
    static final AttributeKey<Boolean> SAMPLED_BY_CALLER = AttributeKey.booleanKey("sampling.by_caller");

    static final String OUTCOME_HONOURED = "honoured";
    static final String OUTCOME_UNTRUSTED = "untrusted";
    static final String OUTCOME_OVER_BUDGET = "over_budget";

    private static final SamplingResult SAMPLED_ON_REQUEST = SamplingResult.create(SamplingDecision.RECORD_AND_SAMPLE,
            Attributes.of(SAMPLED_BY_CALLER, true));

    private final Sampler gatewayRules;
    private final Set<String> trustedOrigins;
    private final CallerSamplingBudget budget;
    private final Counter honoured;
    private final Counter untrusted;
    private final Counter overBudget;

    /**
     * @param gatewayRules the suite's rules for a new trace (always-sampled routes and jobs, then
     *        a ratio), given a sampler that draws the ratio by chance
     */
    EdgeSampler(Sampler gatewayRules, Set<String> trustedOrigins, CallerSamplingBudget budget, MeterRegistry registry) {
        this.gatewayRules = gatewayRules;
        this.trustedOrigins = Set.copyOf(trustedOrigins);
        this.budget = budget;
        this.honoured = outcomeCounter(registry, OUTCOME_HONOURED);
        this.untrusted = outcomeCounter(registry, OUTCOME_UNTRUSTED);
        this.overBudget = outcomeCounter(registry, OUTCOME_OVER_BUDGET);
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        boolean callerSampled = Span.fromContext(parentContext).getSpanContext().isSampled();
        if (spanKind != SpanKind.SERVER && spanKind != SpanKind.CONSUMER) {
            // not a request or a frame entering the suite: the parent is one of ours
            return callerSampled ? SamplingResult.recordAndSample() : SamplingResult.drop();
        }
        SamplingResult byRules = gatewayRules.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
        if (byRules.getDecision() == SamplingDecision.RECORD_AND_SAMPLE || !callerSampled) {
            return byRules;
        }
        InboundCaller caller = InboundCaller.from(parentContext);
        if (caller == null || caller.origin() == null || !trustedOrigins.contains(caller.origin())) {
            untrusted.increment();
            return byRules;
        }
        if (!budget.tryAcquire(caller.address())) {
            overBudget.increment();
            return byRules;
        }
        honoured.increment();
        return SAMPLED_ON_REQUEST;
    }

    @Override
    public String getDescription() {
        return "EdgeSampler{rules=" + gatewayRules.getDescription() + ", trustedOrigins=" + trustedOrigins + "}";
    }

    private static Counter outcomeCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("learnhub.gateway.caller.sampling")
                .description("Requests whose caller asked for them to be traced and the gateway would not have: whether it did")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Keeps a share of traces by chance, whatever their trace id. */
    static final class ByChance implements Sampler {

        private final double ratio;

        ByChance(double ratio) {
            this.ratio = ratio;
        }

        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                Attributes attributes, List<LinkData> parentLinks) {
            return ThreadLocalRandom.current().nextDouble() < ratio ? SamplingResult.recordAndSample() : SamplingResult.drop();
        }

        @Override
        public String getDescription() {
            return "ByChance{" + ratio + "}";
        }
    }
}
