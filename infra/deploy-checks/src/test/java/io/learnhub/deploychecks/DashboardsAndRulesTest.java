package io.learnhub.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Grafana dashboards and provisioning, Prometheus rules and their unit tests: JSON/YAML parse,
 * references resolve, and every PromQL expression uses metrics the pipeline or the services
 * really export (or recording rules).
 */
class DashboardsAndRulesTest {

    /** The rules of one file prometheus.yml loads. */
    private static List<ObservabilityChecks.Rule> rules(String ruleFile) {
        return ObservabilityChecks.rules(Yamls.loadMap(Repo.read(ruleFile)));
    }

    /** The rules of every file prometheus.yml loads. */
    private static List<ObservabilityChecks.Rule> rules() {
        List<ObservabilityChecks.Rule> rules = new ArrayList<>();
        ObservabilityChecks.ruleFiles().forEach(file -> rules.addAll(rules(file)));
        return rules;
    }

    static List<String> ruleFiles() {
        return ObservabilityChecks.ruleFiles();
    }

    private static MetricCatalog catalog() {
        return MetricCatalog.ofRepo(ObservabilityChecks.recordingRuleNames(rules()));
    }

    private static List<Path> files(String dir, String... extensions) throws IOException {
        try (Stream<Path> files = Files.list(Repo.path(dir))) {
            return files.filter(f -> Stream.of(extensions).anyMatch(e -> f.toString().endsWith(e))).sorted().toList();
        }
    }

    private static List<Map<String, Object>> datasourceFiles() throws IOException {
        List<Map<String, Object>> files = new ArrayList<>();
        for (Path file : files("infra/grafana/provisioning/datasources", ".yml", ".yaml")) {
            files.add(Yamls.loadMap(Repo.read(file)));
        }
        return files;
    }

    private static Map<String, JsonNode> dashboards() throws IOException {
        Map<String, JsonNode> dashboards = new LinkedHashMap<>();
        for (Path file : files("infra/grafana/dashboards", ".json")) {
            dashboards.put(file.getFileName().toString(), ObservabilityChecks.parseJsonStrictly(Repo.read(file)));
        }
        return dashboards;
    }

    @Test
    void dashboardsParseStrictlyAndHaveUniqueUids() throws IOException {
        Map<String, JsonNode> dashboards = dashboards();
        assertThat(dashboards).as("infra/grafana/dashboards/*.json").isNotEmpty();
        assertThat(ObservabilityChecks.dashboardUids(dashboards)).hasSize(dashboards.size());
    }

    @Test
    void dashboardsHaveUidTitlePanelsAndQueryOnlyExportedMetrics() throws IOException {
        Map<String, String> datasources = ObservabilityChecks.datasources(datasourceFiles());
        MetricCatalog catalog = catalog();
        List<String> problems = new ArrayList<>();
        dashboards().forEach((file, dashboard) ->
                problems.addAll(ObservabilityChecks.dashboardProblems(file, dashboard, datasources, catalog)));
        assertThat(problems).isEmpty();
    }

    @Test
    void datasourcesHaveFixedUidsAndTheirLinksResolve() throws IOException {
        assertThat(ObservabilityChecks.datasourceProblems(datasourceFiles(), catalog())).isEmpty();
    }

    @Test
    void grafanaAndPrometheusEndpointsAreComposeServicesAndPorts() throws IOException {
        ComposeChecks compose = ComposeChecks.ofRepo();
        List<String> problems = new ArrayList<>();
        for (Path file : files("infra/grafana/provisioning/datasources", ".yml", ".yaml")) {
            for (Map<String, Object> ds : Yamls.maps(Yamls.loadMap(Repo.read(file)).get("datasources"))) {
                problems.addAll(compose.endpointProblems("datasource " + ds.get("name"), String.valueOf(ds.get("url")),
                        ComposeChecks.NON_SERVICE_HOSTS));
            }
        }
        Map<String, Object> prometheus = Yamls.loadMap(Repo.read("infra/prometheus/prometheus.yml"));
        for (Map<String, Object> job : Yamls.maps(prometheus.get("scrape_configs"))) {
            for (Map<String, Object> staticConfig : Yamls.maps(job.get("static_configs"))) {
                for (Object target : Yamls.list(staticConfig.get("targets"))) {
                    problems.addAll(compose.endpointProblems("scrape job " + job.get("job_name"), String.valueOf(target),
                            ComposeChecks.NON_SERVICE_HOSTS));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Grafana's dashboard provider path is where compose mounts infra/grafana/dashboards. */
    @Test
    void dashboardProviderPathIsMountedFromTheDashboardsDirectory() throws IOException {
        ComposeChecks compose = ComposeChecks.ofRepo();
        List<String> mounts = new ArrayList<>();
        Yamls.list(Yamls.at(compose.service("grafana"), "volumes")).forEach(v -> mounts.add(String.valueOf(v)));
        for (Path file : files("infra/grafana/provisioning/dashboards", ".yml", ".yaml")) {
            for (Map<String, Object> provider : Yamls.maps(Yamls.loadMap(Repo.read(file)).get("providers"))) {
                String path = Yamls.str(provider, "options", "path");
                assertThat(mounts).as("grafana volume mounting ./grafana/dashboards at " + path)
                        .anyMatch(m -> m.matches("\\./grafana/dashboards/?:" + Pattern.quote(path) + "/?(:ro)?"));
            }
        }
    }

    /** The rule files prometheus.yml loads (relative to its own path in the container) are mounted there. */
    @Test
    void ruleFilesAreMountedWhereThePrometheusConfigLooksForThem() {
        ComposeChecks compose = ComposeChecks.ofRepo();
        String configFlag = Yamls.list(Yamls.at(compose.service("prometheus"), "command")).stream().map(String::valueOf)
                .filter(a -> a.startsWith("--config.file=")).findFirst().orElse("--config.file=/etc/prometheus/prometheus.yml");
        Path configInContainer = Path.of(configFlag.substring(configFlag.indexOf('=') + 1));
        List<String> targets = ComposeFileTest.mountTargets(compose, "prometheus");
        Map<String, Object> prometheus = Yamls.loadMap(Repo.read("infra/prometheus/prometheus.yml"));
        for (Object ruleFile : Yamls.list(prometheus.get("rule_files"))) {
            Path inContainer = configInContainer.getParent().resolve(String.valueOf(ruleFile)).normalize();
            assertThat(targets).as("a prometheus volume mounted at (or above) " + inContainer)
                    .anyMatch(t -> inContainer.startsWith(Path.of(t)));
        }
    }

    /** RED panels show exemplars, and the Prometheus datasource turns them into Jaeger trace links. */
    @Test
    void redPanelsShowExemplarsThatLinkToJaeger() throws IOException {
        List<String> exemplarTargets = new ArrayList<>();
        dashboards().forEach((file, dashboard) -> ObservabilityChecks.allPanels(dashboard).forEach(panel -> panel.path("targets")
                .forEach(t -> {
                    if (t.path("exemplar").asBoolean(false)) {
                        exemplarTargets.add(file + ": " + panel.path("title").asText());
                    }
                })));
        assertThat(exemplarTargets).as("panels with exemplar: true").isNotEmpty();
        Map<String, String> datasources = ObservabilityChecks.datasources(datasourceFiles());
        List<String> links = new ArrayList<>();
        for (Map<String, Object> file : datasourceFiles()) {
            for (Map<String, Object> ds : Yamls.maps(file.get("datasources"))) {
                for (Map<String, Object> destination : Yamls.maps(Yamls.at(ds, "jsonData", "exemplarTraceIdDestinations"))) {
                    if ("prometheus".equals(ds.get("type"))
                            && "jaeger".equals(datasources.get(String.valueOf(destination.get("datasourceUid"))))) {
                        links.add(String.valueOf(destination.get("name")));
                    }
                }
            }
        }
        assertThat(links).as("exemplarTraceIdDestinations of a prometheus datasource pointing at a jaeger datasource").isNotEmpty();
    }

    @Test
    void rulesQueryOnlyExportedMetricsOrRecordingRules() {
        assertThat(ObservabilityChecks.ruleMetricProblems(rules(), catalog())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("ruleFiles")
    void ruleUnitTestsFireAndSilenceEveryAlertWithRealSeries(String ruleFile) {
        String tests = ObservabilityChecks.ruleTestFile(ruleFile);
        assertThat(Repo.path(tests)).as("the unit tests of " + ruleFile).exists();
        assertThat(ObservabilityChecks.ruleTestProblems(rules(ruleFile), Yamls.loadMap(Repo.read(tests)), catalog()))
                .as(tests).isEmpty();
    }

    /** A rule file Prometheus does not load would never alert: every one in infra/prometheus is listed in rule_files. */
    @Test
    void prometheusLoadsEveryRuleFile() throws IOException {
        List<String> present = files("infra/prometheus", "_rules.yml").stream()
                .map(file -> Repo.ROOT.relativize(file).toString().replace('\\', '/')).toList();
        assertThat(present).isNotEmpty();
        assertThat(ruleFiles()).containsExactlyInAnyOrderElementsOf(present);
    }

    @Nested
    class CatchesMistakes {

        private final MetricCatalog catalog = new MetricCatalog(Set.of("otelcol_receiver_accepted_spans_total",
                "traces_span_metrics_calls_total"), Set.of("http_server_requests_seconds_count"), Set.of("learnhub:spans:rate5m"));

        @Test
        void dashboardWithUnknownMetricsDatasourcesAndMissingFields() throws IOException {
            JsonNode dashboard = ObservabilityChecks.parseJsonStrictly(Repo.resource("fixtures/grafana/bad-dashboard.json"));
            List<String> problems = ObservabilityChecks.dashboardProblems("bad.json", dashboard,
                    Map.of("prometheus", "prometheus", "jaeger", "jaeger"), catalog);
            assertThat(problems).containsExactlyInAnyOrder(
                    "bad.json: no uid",
                    "bad.json variable $service: unknown metrics [traces_spanmetrics_calls_total]",
                    "bad.json panel 'Latency' target A: unknown metrics [http_server_requests_seconds_bucket]",
                    "bad.json panel 'Latency': duplicate panel id 1",
                    "bad.json panel 'Nested in a row' target A: datasource uid 'tempo' is not provisioned [jaeger, prometheus]",
                    "bad.json panel 'Nested in a row' target B: datasource variable ${ds} is not defined in templating",
                    "bad.json panel 'Nested in a row' target B: unknown metrics [otelcol_receiver_refused_spans_total]");
        }

        @Test
        void invalidJsonAndDuplicateKeysFail() {
            assertThatThrownBy(() -> ObservabilityChecks.parseJsonStrictly("{\"uid\": \"a\", \"uid\": \"b\"}"))
                    .hasMessageContaining("Duplicate field 'uid'");
            assertThatThrownBy(() -> ObservabilityChecks.parseJsonStrictly("{\"uid\": \"a\",}")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> ObservabilityChecks.parseJsonStrictly("{\"uid\": \"a\"} {}")).isInstanceOf(IOException.class);
        }

        @Test
        void rulesWithUnknownMetricsAndUntestedAlerts() {
            List<ObservabilityChecks.Rule> rules = ObservabilityChecks.rules(Yamls.loadMap(Repo.resource("fixtures/prometheus/bad_rules.yml")));
            assertThat(ObservabilityChecks.ruleMetricProblems(rules, catalog))
                    .containsExactly("rule SpansRefused (group bad): unknown metrics [otelcol_receiver_refused_spans_total]");
            assertThat(ObservabilityChecks.ruleTestProblems(rules,
                    Yamls.loadMap(Repo.resource("fixtures/prometheus/bad_rules_test.yml")), catalog))
                    .containsExactlyInAnyOrder(
                            "test #1: input series 'otelcol_receiver_refused_spans_total' is not a metric the pipeline or the services export",
                            "test #1: alertname 'SpansRefusd' is not an alert of the rules file",
                            "alert SpansRefused: no unit test where it fires (non-empty exp_alerts)",
                            "alert SpansRefused: no unit test where it must not fire (empty exp_alerts)",
                            "alert NoSpans: no unit test where it must not fire (empty exp_alerts)");
        }

        @Test
        void datasourceLinksToUnprovisionedUids() {
            List<Map<String, Object>> files = List.of(Yamls.loadMap(Repo.resource("fixtures/grafana/bad-datasources.yml")));
            assertThat(ObservabilityChecks.datasourceProblems(files, catalog)).containsExactlyInAnyOrder(
                    "datasource Prometheus: exemplarTraceIdDestinations datasourceUid 'jaeger-traces' is not provisioned",
                    "datasource Jaeger: no fixed uid (dashboards refer to datasources by uid)",
                    "datasource Jaeger: tracesToMetrics query 'Rate': unknown metrics [traces_spanmetrics_calls_total]");
        }
    }
}
