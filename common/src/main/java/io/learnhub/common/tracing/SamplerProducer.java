package io.learnhub.common.tracing;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/** Quarkus uses a CDI Sampler bean in place of {@code quarkus.otel.traces.sampler}. */
public class SamplerProducer {

    @Produces
    @Singleton
    Sampler sampler(SamplingConfig config) {
        return RouteRuleSampler.parentBased(config.alwaysSampledRoutes(), Set.copyOf(config.alwaysSampledJobs()), config.ratio());
    }
}
