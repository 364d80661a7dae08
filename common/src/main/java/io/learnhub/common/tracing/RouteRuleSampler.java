package io.learnhub.common.tracing;

import java.util.List;

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
 * routes (by default the payment webhook) is always sampled; every other root is left to the
 * ratio sampler. Wrapped in {@link Sampler#parentBased(Sampler)}, so spans with a parent follow
 * the parent's decision and a trace is never half-sampled across services.
 */
public final class RouteRuleSampler implements Sampler {

    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

    private final List<String> alwaysSampledPathPrefixes;
    private final Sampler others;

    public RouteRuleSampler(List<String> alwaysSampledPathPrefixes, Sampler others) {
        this.alwaysSampledPathPrefixes = List.copyOf(alwaysSampledPathPrefixes);
        this.others = others;
    }

    /** Parent-based: roots by route rule, then ratio; children follow their parent. */
    public static Sampler parentBased(List<String> alwaysSampledPathPrefixes, double ratioForOthers) {
        return Sampler.parentBased(new RouteRuleSampler(alwaysSampledPathPrefixes, Sampler.traceIdRatioBased(ratioForOthers)));
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (spanKind == SpanKind.SERVER && isAlwaysSampled(attributes.get(URL_PATH))) {
            return SamplingResult.create(SamplingDecision.RECORD_AND_SAMPLE);
        }
        return others.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    private boolean isAlwaysSampled(String path) {
        return path != null && alwaysSampledPathPrefixes.stream().anyMatch(path::startsWith);
    }

    @Override
    public String getDescription() {
        return "RouteRuleSampler{always=" + alwaysSampledPathPrefixes + ", others=" + others.getDescription() + "}";
    }
}
