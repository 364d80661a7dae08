package io.learnhub.deploychecks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenTelemetry Collector configuration (the LearnHub collector, and Jaeger v2's, which is
 * built on the collector): every component a pipeline names is defined, every defined component
 * is used, connectors join pipelines, component types exist in the distribution, env vars used
 * are listed.
 */
final class CollectorChecks {

    /** Component types of opentelemetry-collector-contrib the LearnHub config may use (typos and removed types fail). */
    static final Map<String, Set<String>> CONTRIB_TYPES = Map.of(
            "receivers", Set.of("otlp", "prometheus", "hostmetrics", "zipkin", "jaeger", "kafka", "filelog", "k8s_cluster",
                    "kubeletstats"),
            "processors", Set.of("memory_limiter", "batch", "tail_sampling", "probabilistic_sampler", "attributes",
                    "resource", "redaction", "transform", "filter", "resourcedetection", "k8sattributes", "groupbytrace",
                    "span", "cumulativetodelta"),
            "exporters", Set.of("otlp", "otlphttp", "otlp_grpc", "otlp_http", "prometheus", "prometheusremotewrite", "debug",
                    "kafka", "file", "nop"),
            "connectors", Set.of("spanmetrics", "servicegraph", "forward", "count", "routing", "failover"),
            "extensions", Set.of("health_check", "healthcheckv2", "pprof", "zpages", "basicauth", "bearertokenauth",
                    "oauth2client", "file_storage"));

    /** Jaeger v2 (jaeger binary) adds its own components to a collector core + contrib subset. */
    static final Map<String, Set<String>> JAEGER_TYPES = Map.of(
            "receivers", Set.of("otlp", "jaeger", "kafka", "zipkin", "nop"),
            "processors", Set.of("batch", "memory_limiter", "tail_sampling", "attributes", "filter", "adaptive_sampling"),
            "exporters", Set.of("jaeger_storage_exporter", "otlp", "otlphttp", "kafka", "debug", "nop", "prometheus"),
            "connectors", Set.of("forward", "spanmetrics"),
            "extensions", Set.of("jaeger_storage", "jaeger_query", "remote_sampling", "healthcheckv2", "health_check",
                    "pprof", "zpages", "expvar", "storage_cleaner", "remote_storage", "basicauth", "sigv4auth"));

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\\}");
    private static final Pattern PIPELINE_ID = Pattern.compile("(traces|metrics|logs|profiles)(/[^/]+)?");

    private final Map<String, Object> config;
    private final Map<String, Set<String>> knownTypes;

    CollectorChecks(Map<String, Object> config, Map<String, Set<String>> knownTypes) {
        this.config = config;
        this.knownTypes = knownTypes;
    }

    private Set<String> defined(String section) {
        return Yamls.map(config.get(section)).keySet();
    }

    private static String type(String componentId) {
        int slash = componentId.indexOf('/');
        return slash < 0 ? componentId : componentId.substring(0, slash);
    }

    Map<String, Map<String, Object>> pipelines() {
        Map<String, Map<String, Object>> pipelines = new LinkedHashMap<>();
        Yamls.map(Yamls.at(config, "service", "pipelines")).forEach((id, p) -> pipelines.put(id, Yamls.map(p)));
        return pipelines;
    }

    private static List<String> names(Map<String, Object> pipeline, String role) {
        List<String> names = new ArrayList<>();
        Yamls.list(pipeline.get(role)).forEach(n -> names.add(String.valueOf(n)));
        return names;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> pipelines = pipelines();
        if (pipelines.isEmpty()) {
            problems.add("service.pipelines is empty");
        }
        Set<String> receiversUsed = new LinkedHashSet<>();
        Set<String> processorsUsed = new LinkedHashSet<>();
        Set<String> exportersUsed = new LinkedHashSet<>();
        Map<String, Set<String>> connectorAsExporter = new LinkedHashMap<>();
        Map<String, Set<String>> connectorAsReceiver = new LinkedHashMap<>();
        Set<String> connectors = defined("connectors");

        pipelines.forEach((id, pipeline) -> {
            String where = "pipeline " + id;
            if (!PIPELINE_ID.matcher(id).matches()) {
                problems.add(where + ": id must be traces|metrics|logs[/name]");
            }
            Set<String> unexpected = new TreeSet<>(pipeline.keySet());
            unexpected.removeAll(Set.of("receivers", "processors", "exporters"));
            if (!unexpected.isEmpty()) {
                problems.add(where + ": unknown keys " + unexpected);
            }
            if (names(pipeline, "receivers").isEmpty() || names(pipeline, "exporters").isEmpty()) {
                problems.add(where + ": needs at least one receiver and one exporter");
            }
            for (String receiver : names(pipeline, "receivers")) {
                if (connectors.contains(receiver)) {
                    connectorAsReceiver.computeIfAbsent(receiver, k -> new LinkedHashSet<>()).add(id);
                } else if (!defined("receivers").contains(receiver)) {
                    problems.add(where + ": receiver '" + receiver + "' is not defined under receivers (or connectors)");
                }
                receiversUsed.add(receiver);
            }
            List<String> processors = names(pipeline, "processors");
            for (String processor : processors) {
                if (!defined("processors").contains(processor)) {
                    problems.add(where + ": processor '" + processor + "' is not defined under processors");
                }
                processorsUsed.add(processor);
            }
            for (int i = 0; i < processors.size(); i++) {
                if (type(processors.get(i)).equals("memory_limiter") && i != 0) {
                    problems.add(where + ": memory_limiter must be the first processor (it is #" + (i + 1) + ")");
                }
            }
            for (String exporter : names(pipeline, "exporters")) {
                if (connectors.contains(exporter)) {
                    connectorAsExporter.computeIfAbsent(exporter, k -> new LinkedHashSet<>()).add(id);
                } else if (!defined("exporters").contains(exporter)) {
                    problems.add(where + ": exporter '" + exporter + "' is not defined under exporters (or connectors)");
                }
                exportersUsed.add(exporter);
            }
        });

        for (String receiver : defined("receivers")) {
            if (!receiversUsed.contains(receiver)) {
                problems.add("receiver '" + receiver + "' is defined but used by no pipeline");
            }
        }
        for (String processor : defined("processors")) {
            if (!processorsUsed.contains(processor)) {
                problems.add("processor '" + processor + "' is defined but used by no pipeline");
            }
        }
        for (String exporter : defined("exporters")) {
            if (!exportersUsed.contains(exporter)) {
                problems.add("exporter '" + exporter + "' is defined but used by no pipeline");
            }
        }
        for (String connector : connectors) {
            Set<String> out = connectorAsExporter.getOrDefault(connector, Set.of());
            Set<String> in = connectorAsReceiver.getOrDefault(connector, Set.of());
            if (out.isEmpty() || in.isEmpty()) {
                problems.add("connector '" + connector + "' must be an exporter of one pipeline and a receiver of another"
                        + " (exporter in " + out + ", receiver in " + in + ")");
            } else if (out.equals(in) && out.size() == 1) {
                problems.add("connector '" + connector + "' joins pipeline " + out + " to itself");
            }
        }
        Set<String> extensionsUsed = new LinkedHashSet<>();
        Yamls.list(Yamls.at(config, "service", "extensions")).forEach(e -> extensionsUsed.add(String.valueOf(e)));
        for (String extension : extensionsUsed) {
            if (!defined("extensions").contains(extension)) {
                problems.add("service.extensions names '" + extension + "', which is not defined under extensions");
            }
        }
        for (String extension : defined("extensions")) {
            if (!extensionsUsed.contains(extension)) {
                problems.add("extension '" + extension + "' is defined but not enabled in service.extensions");
            }
        }
        knownTypes.forEach((section, types) -> {
            for (String id : defined(section)) {
                if (!types.contains(type(id))) {
                    problems.add(section + ": unknown component type '" + type(id) + "' (id '" + id + "'); known: " + new TreeSet<>(types));
                }
            }
        });
        Set<String> sections = new TreeSet<>(config.keySet());
        sections.removeAll(Set.of("receivers", "processors", "exporters", "connectors", "extensions", "service"));
        if (!sections.isEmpty()) {
            problems.add("unknown top-level sections " + sections);
        }
        return problems;
    }

    /** Policy types of the contrib tail_sampling processor (README of processor/tailsamplingprocessor). */
    static final Set<String> TAIL_SAMPLING_POLICIES = Set.of("always_sample", "latency", "numeric_attribute", "probabilistic",
            "status_code", "string_attribute", "trace_state", "trace_flags", "rate_limiting", "bytes_limiting", "span_count",
            "boolean_attribute", "ottl_condition", "and", "drop", "composite");
    private static final Set<String> POLICIES_WITHOUT_CONFIG = Set.of("always_sample", "trace_flags");

    /**
     * Every tail_sampling policy (and sub-policy) has a name and a known type, carries its
     * configuration under the key named like its type and no other type's key; status codes are
     * OK, ERROR or UNSET.
     */
    List<String> tailSamplingProblems() {
        List<String> problems = new ArrayList<>();
        Yamls.map(config.get("processors")).forEach((id, processor) -> {
            if (type(id).equals("tail_sampling")) {
                List<Map<String, Object>> policies = Yamls.maps(Yamls.at(processor, "policies"));
                if (policies.isEmpty()) {
                    problems.add(id + ": no policies");
                }
                policies.forEach(policy -> checkPolicy(problems, id, policy));
            }
        });
        return problems;
    }

    private static void checkPolicy(List<String> problems, String where, Map<String, Object> policy) {
        String name = Yamls.str(policy, "name");
        String type = Yamls.str(policy, "type");
        String at = where + " policy '" + name + "'";
        if (name == null) {
            problems.add(where + ": a policy without name");
        }
        if (!TAIL_SAMPLING_POLICIES.contains(type)) {
            problems.add(at + ": unknown type '" + type + "'");
            return;
        }
        if (!POLICIES_WITHOUT_CONFIG.contains(type) && !(policy.get(type) instanceof Map)) {
            problems.add(at + ": type " + type + " needs its settings under '" + type + ":'");
        }
        Set<String> otherKeys = new TreeSet<>(policy.keySet());
        otherKeys.removeAll(Set.of("name", "type", type));
        if (!otherKeys.isEmpty()) {
            problems.add(at + ": keys " + otherKeys + " do not belong to a " + type + " policy");
        }
        for (Object code : Yamls.list(Yamls.at(policy, "status_code", "status_codes"))) {
            if (!Set.of("OK", "ERROR", "UNSET").contains(String.valueOf(code))) {
                problems.add(at + ": status code '" + code + "' is not OK, ERROR or UNSET");
            }
        }
        for (String sub : List.of("and_sub_policy", "drop_sub_policy", "composite_sub_policy")) {
            Yamls.maps(Yamls.at(policy, type, sub)).forEach(child -> checkPolicy(problems, at, child));
        }
    }

    /** Jaeger v2: storage names used by jaeger_query and jaeger_storage_exporter are backends of jaeger_storage. */
    List<String> jaegerStorageProblems() {
        List<String> problems = new ArrayList<>();
        Set<String> backends = Yamls.map(Yamls.at(config, "extensions", "jaeger_storage", "backends")).keySet();
        Yamls.map(config.get("extensions")).forEach((id, extension) -> {
            if (type(id).equals("jaeger_query")) {
                for (String[] path : List.of(new String[] {"storage", "traces"}, new String[] {"storage", "traces_archive"},
                        new String[] {"storage", "metrics"}, new String[] {"trace_storage"}, new String[] {"trace_storage_archive"})) {
                    String storage = Yamls.str(extension, path);
                    if (storage != null && !backends.contains(storage)) {
                        problems.add(id + "." + String.join(".", path) + ": '" + storage + "' is not a jaeger_storage backend " + backends);
                    }
                }
            }
        });
        Yamls.map(config.get("exporters")).forEach((id, exporter) -> {
            if (type(id).equals("jaeger_storage_exporter")) {
                String storage = Yamls.str(exporter, "trace_storage");
                if (!backends.contains(storage)) {
                    problems.add(id + ".trace_storage: '" + storage + "' is not a jaeger_storage backend " + backends);
                }
            }
        });
        return problems;
    }

    /** Names of the environment variables a config text uses as ${env:VAR}, ${env:VAR:-default} or ${VAR}. */
    static Set<String> envVars(String configText) {
        Set<String> vars = new TreeSet<>();
        for (String line : configText.lines().toList()) {
            String code = line.replaceAll("^\\s*#.*", "");
            Matcher m = ENV_REFERENCE.matcher(code);
            while (m.find()) {
                vars.add(m.group(1));
            }
        }
        return vars;
    }
}
