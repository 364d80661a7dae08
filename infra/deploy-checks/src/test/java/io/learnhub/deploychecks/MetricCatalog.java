package io.learnhub.deploychecks;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names PromQL in dashboards and rules may reference.
 *
 * <p>Every list holds exact sample names as Prometheus stores them (counters with `_total`,
 * histograms as `_bucket`/`_sum`/`_count`), so a name is known only when listed verbatim: no
 * suffix mapping, which would accept `X_bucket` for a summary or a gauge.
 *
 * <ul>
 * <li>pipeline lists: infra/otel-collector/metrics.txt, infra/jaeger/metrics.txt;</li>
 * <li>service-metrics.txt (this module): sample names scraped from the packaged services'
 * /q/metrics (Micrometer timers are summaries: `_count`/`_sum`/`_max`, no `_bucket`);</li>
 * <li>recording rules of infra/prometheus/tracing_rules.yml (exact);</li>
 * <li>series Prometheus itself synthesizes for every scrape and alert.</li>
 * </ul>
 * Lists: one name per line (first whitespace-separated token), `#` starts a comment.
 */
final class MetricCatalog {

    static final Set<String> PROMETHEUS_SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE");

    private final Set<String> pipeline;
    private final Set<String> services;
    private final Set<String> recordingRules;

    MetricCatalog(Set<String> pipeline, Set<String> services, Set<String> recordingRules) {
        this.pipeline = pipeline;
        this.services = services;
        this.recordingRules = recordingRules;
    }

    static MetricCatalog ofRepo(Set<String> recordingRules) {
        Set<String> pipeline = new LinkedHashSet<>(parseList(Repo.read("infra/otel-collector/metrics.txt")));
        pipeline.addAll(parseList(Repo.read("infra/jaeger/metrics.txt")));
        return new MetricCatalog(pipeline, parseList(Repo.resource("service-metrics.txt")), recordingRules);
    }

    static Set<String> parseList(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.lines().toList()) {
            String content = line.replaceAll("#.*", "").trim();
            if (!content.isEmpty()) {
                names.add(content.split("\\s+")[0]);
            }
        }
        return names;
    }

    boolean isKnown(String name) {
        return PROMETHEUS_SYNTHETIC.contains(name) || recordingRules.contains(name) || services.contains(name)
                || pipeline.contains(name);
    }

    /** The names of an expression that no list knows. */
    Set<String> unknown(Set<String> names) {
        Set<String> unknown = new TreeSet<>();
        for (String name : names) {
            if (!isKnown(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
