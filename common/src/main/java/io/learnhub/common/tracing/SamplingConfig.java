package io.learnhub.common.tracing;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Head sampling of new traces ({@code learnhub.sampling.*}); docs/architecture.md, "Sampling". */
@ConfigMapping(prefix = "learnhub.sampling")
public interface SamplingConfig {

    /** Path prefixes of server requests whose traces are always kept. */
    @WithDefault("/api/payments/webhook")
    List<String> alwaysSampledRoutes();

    /** Names of the root spans of scheduled jobs whose traces are always kept: rare, and each one matters. */
    @WithDefault("send_weekly_reports")
    List<String> alwaysSampledJobs();

    /**
     * Share (0.0–1.0) of other new traces to keep. 1.0 by default: the collector's tail sampling is
     * where volume is cut, because only it can still keep every trace that ends in an error.
     */
    @WithDefault("1.0")
    double ratio();
}
