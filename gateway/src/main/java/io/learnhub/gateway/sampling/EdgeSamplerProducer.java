package io.learnhub.gateway.sampling;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.learnhub.common.tracing.RouteRuleSampler;
import io.learnhub.common.tracing.SamplingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * The gateway's sampler, in place of common's: a new trace is sampled by the suite's rules like
 * everywhere; a request that brings the caller's trace context is decided by {@link EdgeSampler};
 * a span whose parent is local follows it.
 */
public class EdgeSamplerProducer {

    @Produces
    @Singleton
    Sampler sampler(SamplingConfig sampling, EdgeSamplingConfig edge, MeterRegistry registry) {
        Set<String> jobs = Set.copyOf(sampling.alwaysSampledJobs());
        Sampler newTraces = new RouteRuleSampler(sampling.alwaysSampledRoutes(), jobs, Sampler.traceIdRatioBased(sampling.ratio()));
        Sampler callersTraces = new RouteRuleSampler(sampling.alwaysSampledRoutes(), jobs, new EdgeSampler.ByChance(sampling.ratio()));
        Set<String> trustedOrigins = edge.trustedOrigins().orElse(Set.of()).stream()
                .map(InboundCaller::normalize)
                .collect(Collectors.toUnmodifiableSet());
        CallerSamplingBudget budget = new CallerSamplingBudget(edge.callerBudgetPerMinute(), edge.callersBudgetPerMinute(),
                edge.maxTrackedCallers(), System::nanoTime);
        Sampler door = new EdgeSampler(callersTraces, trustedOrigins, budget, registry);
        return Sampler.parentBasedBuilder(newTraces)
                .setRemoteParentSampled(door)
                .setRemoteParentNotSampled(door)
                .build();
    }
}
