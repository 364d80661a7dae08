package io.learnhub.common.tracing;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.arc.DefaultBean;

/**
 * Quarkus uses a CDI Sampler bean in place of {@code quarkus.otel.traces.sampler}. A default bean:
 * the gateway, where traces enter the suite, replaces it with a sampler that also decides for
 * callers' trace contexts.
 */
public class SamplerProducer {

    @Produces
    @Singleton
    @DefaultBean
    Sampler sampler(SamplingConfig config) {
        return RouteRuleSampler.parentBased(config.alwaysSampledRoutes(), Set.copyOf(config.alwaysSampledJobs()), config.ratio());
    }
}
