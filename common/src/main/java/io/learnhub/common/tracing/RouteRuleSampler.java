package io.learnhub.common.tracing;

import java.util.List;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * The decision for new root spans: a server span whose path starts with one of the configured
 * routes (by default the payment webhook) is always sampled, and so is the root of a scheduled
 * job named in the configuration (by default the weekly reports); every other root is left to the
 * ratio sampler. Wrapped in {@link Sampler#parentBased(Sampler)}, so spans with a parent follow
 * the parent's decision and a trace is never half-sampled across services.
 */
public final class RouteRuleSampler implements Sampler {

    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

    private final List<String> alwaysSampledPathPrefixes;
    private final Set<String> alwaysSampledJobSpans;
    private final Sampler others;

    public RouteRuleSampler(List<String> alwaysSampledPathPrefixes, Set<String> alwaysSampledJobSpans, Sampler others) {
        this.alwaysSampledPathPrefixes = List.copyOf(alwaysSampledPathPrefixes);
        this.alwaysSampledJobSpans = Set.copyOf(alwaysSampledJobSpans);
        this.others = others;
    }

    /** Parent-based: roots by route or job rule, then ratio; children follow their parent. */
    public static Sampler parentBased(List<String> alwaysSampledPathPrefixes, Set<String> alwaysSampledJobSpans,
            double ratioForOthers) {
        return Sampler.parentBased(new RouteRuleSampler(alwaysSampledPathPrefixes, alwaysSampledJobSpans,
                Sampler.traceIdRatioBased(ratioForOthers)));
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (spanKind == SpanKind.SERVER && isAlwaysSampled(attributes.get(URL_PATH))) {
            return SamplingResult.create(SamplingDecision.RECORD_AND_SAMPLE);
        }
        if (spanKind == SpanKind.INTERNAL && alwaysSampledJobSpans.contains(name)) {
            return SamplingResult.create(SamplingDecision.RECORD_AND_SAMPLE);
        }
        return others.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    private boolean isAlwaysSampled(String path) {
        return path != null && alwaysSampledPathPrefixes.stream().anyMatch(path::startsWith);
    }

    @Override
    public String getDescription() {
        return "RouteRuleSampler{always=" + alwaysSampledPathPrefixes + ", jobs=" + alwaysSampledJobSpans + ", others=" + others.getDescription() + "}";
    }
}
