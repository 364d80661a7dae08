package io.learnhub.deploychecks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prometheus rules and their unit tests, Grafana dashboards and provisioning. */
final class ObservabilityChecks {

    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Datasource uids Grafana itself provides. */
    private static final Set<String> BUILT_IN_DATASOURCES = Set.of("-- Grafana --", "-- Mixed --", "-- Dashboard --", "grafana");

    private ObservabilityChecks() {
    }

    // ---------------------------------------------------------------- rules

    static final String PROMETHEUS_CONFIG = "infra/prometheus/prometheus.yml";

    /** The rule files prometheus.yml loads, as repository paths (they are resolved against its directory). */
    static List<String> ruleFiles() {
        String dir = PROMETHEUS_CONFIG.substring(0, PROMETHEUS_CONFIG.lastIndexOf('/') + 1);
        List<String> files = new ArrayList<>();
        for (Object file : Yamls.list(Yamls.loadMap(Repo.read(PROMETHEUS_CONFIG)).get("rule_files"))) {
            files.add(dir + file);
        }
        return files;
    }

    /** The promtool unit tests of a rule file: tests/<name>_test.yml next to it. */
    static String ruleTestFile(String ruleFile) {
        int slash = ruleFile.lastIndexOf('/');
        return ruleFile.substring(0, slash + 1) + "tests/" + ruleFile.substring(slash + 1).replaceFirst("\\.ya?ml$", "") + "_test.yml";
    }

    record Rule(String group, String record, String alert, String expr) {
        String name() {
            return record != null ? record : alert;
        }
    }

    static List<Rule> rules(Map<String, Object> rulesFile) {
        List<Rule> rules = new ArrayList<>();
        for (Map<String, Object> group : Yamls.maps(rulesFile.get("groups"))) {
            for (Map<String, Object> rule : Yamls.maps(group.get("rules"))) {
                rules.add(new Rule(String.valueOf(group.get("name")), Yamls.str(rule, "record"), Yamls.str(rule, "alert"),
                        Yamls.str(rule, "expr")));
            }
        }
        return rules;
    }

    static Set<String> recordingRuleNames(List<Rule> rules) {
        Set<String> names = new TreeSet<>();
        rules.stream().filter(r -> r.record() != null).forEach(r -> names.add(r.record()));
        return names;
    }

    static List<String> ruleMetricProblems(List<Rule> rules, MetricCatalog catalog) {
        List<String> problems = new ArrayList<>();
        for (Rule rule : rules) {
            Set<String> unknown = catalog.unknown(PromQl.metricNames(String.valueOf(rule.expr())));
            if (!unknown.isEmpty()) {
                problems.add("rule " + rule.name() + " (group " + rule.group() + "): unknown metrics " + unknown);
            }
        }
        return problems;
    }

    /**
     * The promtool unit tests: every alert has a case where it fires and one where it must not; every
     * alertname tested exists; input series are metrics the pipeline/services really export.
     */
    static List<String> ruleTestProblems(List<Rule> rules, Map<String, Object> testFile, MetricCatalog catalog) {
        List<String> problems = new ArrayList<>();
        Set<String> alerts = new TreeSet<>();
        rules.stream().filter(r -> r.alert() != null).forEach(r -> alerts.add(r.alert()));
        Set<String> fired = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        int index = 0;
        for (Map<String, Object> test : Yamls.maps(testFile.get("tests"))) {
            index++;
            String where = "test #" + index + (test.get("name") != null ? " (" + test.get("name") + ")" : "");
            for (Map<String, Object> input : Yamls.maps(test.get("input_series"))) {
                String series = String.valueOf(input.get("series"));
                String name = series.contains("{") ? series.substring(0, series.indexOf('{')).trim() : series.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!catalog.isKnown(name)) {
                    problems.add(where + ": input series '" + name + "' is not a metric the pipeline or the services export");
                }
            }
            for (Map<String, Object> alertTest : Yamls.maps(test.get("alert_rule_test"))) {
                String alertname = String.valueOf(alertTest.get("alertname"));
                if (!alerts.contains(alertname)) {
                    problems.add(where + ": alertname '" + alertname + "' is not an alert of the rules file");
                }
                (Yamls.list(alertTest.get("exp_alerts")).isEmpty() ? quiet : fired).add(alertname);
            }
        }
        for (String alert : alerts) {
            if (!fired.contains(alert)) {
                problems.add("alert " + alert + ": no unit test where it fires (non-empty exp_alerts)");
            }
            if (!quiet.contains(alert)) {
                problems.add("alert " + alert + ": no unit test where it must not fire (empty exp_alerts)");
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- grafana

    static JsonNode parseJsonStrictly(String text) throws IOException {
        return STRICT_JSON.readTree(text);
    }

    /** Provisioned datasources: uid → type. */
    static Map<String, String> datasources(List<Map<String, Object>> provisioningFiles) {
        Map<String, String> byUid = new LinkedHashMap<>();
        for (Map<String, Object> file : provisioningFiles) {
            for (Map<String, Object> ds : Yamls.maps(file.get("datasources"))) {
                byUid.put(String.valueOf(ds.get("uid")), String.valueOf(ds.get("type")));
            }
        }
        return byUid;
    }

    static List<String> datasourceProblems(List<Map<String, Object>> provisioningFiles, MetricCatalog catalog) {
        List<String> problems = new ArrayList<>();
        Map<String, String> uids = new HashMap<>();
        for (Map<String, Object> file : provisioningFiles) {
            for (Map<String, Object> ds : Yamls.maps(file.get("datasources"))) {
                String name = String.valueOf(ds.get("name"));
                if (ds.get("uid") == null) {
                    problems.add("datasource " + name + ": no fixed uid (dashboards refer to datasources by uid)");
                } else if (uids.put(String.valueOf(ds.get("uid")), name) != null) {
                    problems.add("datasource " + name + ": duplicate uid " + ds.get("uid"));
                }
            }
        }
        Map<String, String> defined = datasources(provisioningFiles);
        for (Map<String, Object> file : provisioningFiles) {
            for (Map<String, Object> ds : Yamls.maps(file.get("datasources"))) {
                String where = "datasource " + ds.get("name");
                for (Map<String, Object> destination : Yamls.maps(Yamls.at(ds, "jsonData", "exemplarTraceIdDestinations"))) {
                    Object target = destination.get("datasourceUid");
                    if (target != null && !defined.containsKey(String.valueOf(target))) {
                        problems.add(where + ": exemplarTraceIdDestinations datasourceUid '" + target + "' is not provisioned");
                    }
                }
                for (String link : List.of("tracesToMetrics", "tracesToLogsV2", "tracesToLogs", "serviceMap")) {
                    Object target = Yamls.at(ds, "jsonData", link, "datasourceUid");
                    if (target != null && !defined.containsKey(String.valueOf(target))) {
                        problems.add(where + ": " + link + ".datasourceUid '" + target + "' is not provisioned");
                    }
                }
                for (Map<String, Object> query : Yamls.maps(Yamls.at(ds, "jsonData", "tracesToMetrics", "queries"))) {
                    String promql = String.valueOf(query.get("query")).replace("$$", "$");
                    Set<String> unknown = catalog.unknown(PromQl.metricNames(promql));
                    if (!unknown.isEmpty()) {
                        problems.add(where + ": tracesToMetrics query '" + query.get("name") + "': unknown metrics " + unknown);
                    }
                }
            }
        }
        return problems;
    }

    /** A dashboard's problems: required fields, datasource references, PromQL metric names. */
    static List<String> dashboardProblems(String file, JsonNode dashboard, Map<String, String> datasources, MetricCatalog catalog) {
        List<String> problems = new ArrayList<>();
        for (String field : List.of("uid", "title")) {
            if (!dashboard.path(field).isTextual() || dashboard.path(field).asText().isBlank()) {
                problems.add(file + ": no " + field);
            }
        }
        if (!dashboard.path("panels").isArray() || dashboard.path("panels").isEmpty()) {
            problems.add(file + ": no panels");
        }
        Set<String> variables = new HashSet<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            variables.add(variable.path("name").asText());
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String where = file + " variable $" + variable.path("name").asText();
            checkDatasource(problems, where, variable.path("datasource"), datasources, variables);
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                Set<String> unknown = catalog.unknown(PromQl.metricNamesOfTemplateQuery(text));
                if (!unknown.isEmpty()) {
                    problems.add(where + ": unknown metrics " + unknown);
                }
            }
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : allPanels(dashboard)) {
            String where = file + " panel '" + panel.path("title").asText() + "'";
            if (panel.has("id") && !ids.add(panel.path("id").asInt())) {
                problems.add(where + ": duplicate panel id " + panel.path("id").asInt());
            }
            checkDatasource(problems, where, panel.path("datasource"), datasources, variables);
            for (JsonNode target : panel.path("targets")) {
                checkDatasource(problems, where + " target " + target.path("refId").asText(), target.path("datasource"),
                        datasources, variables);
                if (target.has("expr")) {
                    Set<String> unknown = catalog.unknown(PromQl.metricNames(target.path("expr").asText()));
                    if (!unknown.isEmpty()) {
                        problems.add(where + " target " + target.path("refId").asText() + ": unknown metrics " + unknown);
                    }
                }
            }
        }
        return problems;
    }

    static List<JsonNode> allPanels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        collect(dashboard.path("panels"), panels);
        return panels;
    }

    private static void collect(JsonNode list, List<JsonNode> into) {
        for (JsonNode panel : list) {
            into.add(panel);
            collect(panel.path("panels"), into);
        }
    }

    private static void checkDatasource(List<String> problems, String where, JsonNode datasource, Map<String, String> datasources,
            Set<String> variables) {
        if (datasource.isMissingNode() || datasource.isNull()) {
            return;
        }
        String uid = datasource.isTextual() ? datasource.asText() : datasource.path("uid").asText(null);
        if (uid == null) {
            return;
        }
        if (uid.startsWith("$")) {
            String variable = uid.replaceAll("^\\$\\{?([A-Za-z0-9_]+).*", "$1");
            if (!variables.contains(variable)) {
                problems.add(where + ": datasource variable " + uid + " is not defined in templating");
            }
        } else if (!datasources.containsKey(uid) && !BUILT_IN_DATASOURCES.contains(uid)) {
            problems.add(where + ": datasource uid '" + uid + "' is not provisioned " + new TreeSet<>(datasources.keySet()));
        } else if (datasource.has("type") && datasources.containsKey(uid)
                && !datasource.path("type").asText().equals(datasources.get(uid))) {
            problems.add(where + ": datasource " + uid + " has type " + datasources.get(uid) + ", not " + datasource.path("type").asText());
        }
    }

    static Set<String> dashboardUids(Map<String, JsonNode> dashboards) {
        Set<String> uids = new LinkedHashSet<>();
        dashboards.values().forEach(d -> uids.add(d.path("uid").asText()));
        return uids;
    }
}
