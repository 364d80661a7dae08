package io.learnhub.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** The metric-name extractor sees metrics, and only metrics, in realistic PromQL. */
class PromQlTest {

    @Test
    void aggregationWithByClauseAndRangeVector() {
        assertThat(PromQl.metricNames("sum by (job, receiver) (rate(otelcol_receiver_accepted_spans_total{job=~\"a|b\"}[5m]))"))
                .containsExactly("otelcol_receiver_accepted_spans_total");
    }

    @Test
    void histogramQuantileWithTrailingByAndGrafanaVariables() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum(rate(traces_span_metrics_duration_milliseconds_bucket"
                + "{service_name=~\"$service\", span_name=\"POST /api/payments/webhook\"}[$__rate_interval])) by (le, service_name))"
                + " > ${threshold} * 1e-3"))
                .containsExactly("traces_span_metrics_duration_milliseconds_bucket");
    }

    @Test
    void vectorMatchingKeywordsOffsetsAndRecordingRuleNames() {
        assertThat(PromQl.metricNames("""
                learnhub:otelcol_exporter_sent_spans:rate10m
                  / on (instance) group_left(version) (otelcol_process_memory_rss_bytes offset 1h30m)
                  or ignoring(exporter) vector(0) unless absent(up{job="otel-collector"}) # a comment naming fake_metric
                  and bool 0x1F > 0.5
                """))
                .containsExactlyInAnyOrder("learnhub:otelcol_exporter_sent_spans:rate10m", "otelcol_process_memory_rss_bytes", "up");
    }

    @Test
    void stringsLabelReplaceTopkAndWithoutClauses() {
        assertThat(PromQl.metricNames("topk(5, label_replace(sum without (instance, pod) (jvm_memory_used_bytes{area='heap'}),"
                + " \"svc\", \"$1\", \"job\", \"(.*)-service\"))"))
                .containsExactly("jvm_memory_used_bytes");
    }

    @Test
    void subqueriesAndAtModifier() {
        assertThat(PromQl.metricNames("max_over_time(rate(http_server_requests_seconds_count[1m])[30m:1m] @ end())"))
                .containsExactly("http_server_requests_seconds_count");
    }

    @Test
    void grafanaTemplateQueries() {
        assertThat(PromQl.metricNamesOfTemplateQuery("label_values(traces_span_metrics_calls_total{job=\"x\"}, service_name)"))
                .containsExactly("traces_span_metrics_calls_total");
        assertThat(PromQl.metricNamesOfTemplateQuery("label_values(service_name)")).isEmpty();
        assertThat(PromQl.metricNamesOfTemplateQuery("query_result(topk(3, sum by (job) (up)))")).containsExactly("up");
        assertThat(PromQl.metricNamesOfTemplateQuery("label_names()")).isEmpty();
    }

    @Test
    void catalogKnowsExactSampleNamesOnly() {
        MetricCatalog catalog = new MetricCatalog(Set.of("traces_span_metrics_duration_milliseconds_bucket"),
                Set.of("http_server_requests_seconds_count"), Set.of("learnhub:x:rate5m"));
        assertThat(catalog.isKnown("traces_span_metrics_duration_milliseconds_bucket")).isTrue();
        assertThat(catalog.isKnown("traces_span_metrics_duration_milliseconds")).isFalse();
        assertThat(catalog.isKnown("http_server_requests_seconds_count")).isTrue();
        assertThat(catalog.isKnown("http_server_requests_seconds_bucket")).as("Micrometer timers are summaries").isFalse();
        assertThat(catalog.isKnown("learnhub:x:rate5m")).isTrue();
        assertThat(catalog.isKnown("up")).isTrue();
        assertThat(catalog.isKnown("otelcol_made_up_total")).isFalse();
    }
}
