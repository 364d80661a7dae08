package io.learnhub.deploychecks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** infra/docker-compose.yml: references between services, mounts, ports and the services' env vars. */
final class ComposeChecks {

    static final List<String> LEARNHUB_SERVICES = List.of("gateway", "chat-service", "payment-service", "report-service");

    /** Service names the conventions fix. */
    static final List<String> SERVICES = List.of("postgres", "redis", "kafka", "otel-collector", "jaeger", "prometheus",
            "grafana", "gateway", "chat-service", "payment-service", "report-service");

    /** Ports each service listens on inside the compose network (conventions), besides the ones the file declares. */
    static final Map<String, Set<String>> CONVENTION_PORTS = Map.ofEntries(
            Map.entry("postgres", Set.of("5432")), Map.entry("redis", Set.of("6379")), Map.entry("kafka", Set.of("9092")),
            Map.entry("otel-collector", Set.of("4317", "4318", "8888", "8889", "13133")),
            Map.entry("jaeger", Set.of("4317", "4318", "16686", "8888", "13133")),
            Map.entry("prometheus", Set.of("9090")), Map.entry("grafana", Set.of("3000")),
            Map.entry("gateway", Set.of("8080")), Map.entry("chat-service", Set.of("8081")),
            Map.entry("payment-service", Set.of("8082")), Map.entry("report-service", Set.of("8083")));

    private static final Pattern HOST_PORT = Pattern.compile("(?<![A-Za-z0-9_.-])([a-z][a-z0-9-]*):(\\d{2,5})(?![0-9])");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\\}");

    private final Map<String, Object> compose;
    private final Path baseDir;

    ComposeChecks(Map<String, Object> compose, Path baseDir) {
        this.compose = compose;
        this.baseDir = baseDir;
    }

    static ComposeChecks ofRepo() {
        return new ComposeChecks(Yamls.loadMap(Repo.read("infra/docker-compose.yml")), Repo.path("infra"));
    }

    Map<String, Object> services() {
        return Yamls.map(compose.get("services"));
    }

    Map<String, Object> service(String name) {
        return Yamls.map(services().get(name));
    }

    /** ${VAR:-default} / ${VAR-default} resolve to their default; plain ${VAR} stays as is. */
    static String interpolateDefaults(String value) {
        return DEFAULTED.matcher(value).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    List<String> missingConventionServices() {
        List<String> missing = new ArrayList<>();
        for (String name : SERVICES) {
            if (!services().containsKey(name)) {
                missing.add("service '" + name + "' is missing (conventions)");
            }
        }
        return missing;
    }

    List<String> dependsOnProblems() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, definition) -> {
            Object dependsOn = Yamls.at(definition, "depends_on");
            Set<String> targets = new TreeSet<>();
            if (dependsOn instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> targets.add(String.valueOf(k)));
            } else {
                Yamls.list(dependsOn).forEach(v -> targets.add(String.valueOf(v)));
            }
            for (String target : targets) {
                if (!services().containsKey(target)) {
                    problems.add("service " + name + ": depends_on '" + target + "' is not a defined service");
                } else if ("service_healthy".equals(Yamls.str(dependsOn, target, "condition"))
                        && Yamls.at(service(target), "healthcheck") == null) {
                    problems.add("service " + name + ": depends_on " + target + " service_healthy, but " + target
                            + " has no healthcheck");
                }
            }
            for (Object link : Yamls.list(Yamls.at(definition, "links"))) {
                String target = String.valueOf(link).split(":")[0];
                if (!services().containsKey(target)) {
                    problems.add("service " + name + ": links '" + target + "' is not a defined service");
                }
            }
        });
        return problems;
    }

    /** Bind-mount sources, env_file and top-level configs/secrets files exist; named volumes are declared. */
    List<String> mountProblems() {
        List<String> problems = new ArrayList<>();
        Set<String> declaredVolumes = Yamls.map(compose.get("volumes")).keySet();
        services().forEach((name, definition) -> {
            for (Object volume : Yamls.list(Yamls.at(definition, "volumes"))) {
                String source;
                boolean bind;
                if (volume instanceof Map<?, ?> longSyntax) {
                    source = longSyntax.get("source") == null ? null : String.valueOf(longSyntax.get("source"));
                    bind = "bind".equals(longSyntax.get("type"));
                    if ("tmpfs".equals(longSyntax.get("type")) || source == null) {
                        continue;
                    }
                } else {
                    String[] parts = String.valueOf(volume).split(":");
                    if (parts.length < 2) {
                        continue; // anonymous volume
                    }
                    source = parts[0];
                    bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~") || source.startsWith("$");
                }
                source = interpolateDefaults(source);
                if (bind) {
                    checkPath(problems, "service " + name + ": bind-mount source", source);
                } else if (!declaredVolumes.contains(source)) {
                    problems.add("service " + name + ": named volume '" + source + "' is not declared under top-level volumes");
                }
            }
            Object envFile = Yamls.at(definition, "env_file");
            List<Object> envFiles = envFile instanceof List ? Yamls.list(envFile) : envFile == null ? List.of() : List.of(envFile);
            for (Object file : envFiles) {
                Object path = file instanceof Map<?, ?> m ? m.get("path") : file;
                checkPath(problems, "service " + name + ": env_file", interpolateDefaults(String.valueOf(path)));
            }
            for (String section : List.of("configs", "secrets")) {
                for (Object ref : Yamls.list(Yamls.at(definition, section))) {
                    String source = ref instanceof Map<?, ?> m ? String.valueOf(m.get("source")) : String.valueOf(ref);
                    if (!Yamls.map(compose.get(section)).containsKey(source)) {
                        problems.add("service " + name + ": " + section + " '" + source + "' is not declared at the top level");
                    }
                }
            }
        });
        for (String section : List.of("configs", "secrets")) {
            Yamls.map(compose.get(section)).forEach((name, definition) -> {
                String file = Yamls.str(definition, "file");
                if (file != null) {
                    checkPath(problems, section + " " + name + ": file", interpolateDefaults(file));
                }
            });
        }
        return problems;
    }

    private void checkPath(List<String> problems, String what, String source) {
        if (source.contains("${") || source.startsWith("$")) {
            problems.add(what + " '" + source + "' depends on an unset variable (give it a default)");
            return;
        }
        Path resolved = baseDir.resolve(source).normalize();
        if (!resolved.startsWith(Repo.ROOT)) {
            problems.add(what + " '" + source + "' points outside the repository");
        } else if (!Files.exists(resolved)) {
            problems.add(what + " '" + source + "' does not exist (" + Repo.ROOT.relativize(resolved) + ")");
        }
    }

    /** Published (host) ports: "host:container", "ip:host:container", ranges are not used here; long syntax too. */
    List<String> portProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        services().forEach((name, definition) -> {
            for (Object port : Yamls.list(Yamls.at(definition, "ports"))) {
                String published;
                String protocol = "tcp";
                if (port instanceof Map<?, ?> longSyntax) {
                    published = longSyntax.get("published") == null ? null : String.valueOf(longSyntax.get("published"));
                    protocol = longSyntax.get("protocol") == null ? "tcp" : String.valueOf(longSyntax.get("protocol"));
                } else {
                    String spec = interpolateDefaults(String.valueOf(port));
                    if (spec.contains("/")) {
                        protocol = spec.substring(spec.indexOf('/') + 1);
                        spec = spec.substring(0, spec.indexOf('/'));
                    }
                    String[] parts = spec.split(":");
                    published = parts.length >= 2 ? parts[parts.length - 2] : null;
                }
                if (published == null || published.isEmpty()) {
                    continue;
                }
                String key = published + "/" + protocol;
                String previous = owners.putIfAbsent(key, name);
                if (previous != null) {
                    problems.add("host port " + key + " is published by both " + previous + " and " + name);
                }
            }
        });
        return problems;
    }

    /** Environment of a service as a name → value map (map or "K=V" list syntax). */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = Yamls.at(service(service), "environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else {
            for (Object item : Yamls.list(environment)) {
                String entry = String.valueOf(item);
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return env;
    }

    /** Env vars of the four LearnHub services that docs/contracts.md does not define. */
    Map<String, Set<String>> unknownLearnHubEnv(Set<String> contractVars) {
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (String service : LEARNHUB_SERVICES) {
            Set<String> extra = new TreeSet<>(environment(service).keySet());
            extra.removeAll(contractVars);
            if (!extra.isEmpty()) {
                unknown.put(service, extra);
            }
        }
        return unknown;
    }

    /** Ports a service listens on in the compose network: declared container ports, expose, and the conventions. */
    Set<String> listeningPorts(String service) {
        Set<String> ports = new HashSet<>(CONVENTION_PORTS.getOrDefault(service, Set.of()));
        for (Object port : Yamls.list(Yamls.at(service(service), "ports"))) {
            if (port instanceof Map<?, ?> longSyntax) {
                ports.add(String.valueOf(longSyntax.get("target")));
            } else {
                String spec = interpolateDefaults(String.valueOf(port)).replaceAll("/.*", "");
                ports.add(spec.substring(spec.lastIndexOf(':') + 1));
            }
        }
        for (Object port : Yamls.list(Yamls.at(service(service), "expose"))) {
            ports.add(String.valueOf(port).replaceAll("/.*", ""));
        }
        return ports;
    }

    /**
     * host:port pairs in environment values (and in any other text, e.g. a Prometheus or Grafana
     * config) whose host is a compose service must name a port that service listens on; hosts that
     * look like compose service names (no dot) but are not defined are reported too.
     */
    List<String> endpointProblems(String where, String text, Set<String> ignoredHosts) {
        List<String> problems = new ArrayList<>();
        Matcher m = HOST_PORT.matcher(interpolateDefaults(text));
        while (m.find()) {
            String host = m.group(1);
            String port = m.group(2);
            if (ignoredHosts.contains(host)) {
                continue;
            }
            if (!services().containsKey(host)) {
                problems.add(where + ": '" + host + ":" + port + "' names no compose service");
            } else if (!listeningPorts(host).contains(port)) {
                problems.add(where + ": '" + host + ":" + port + "' but " + host + " listens on " + new TreeSet<>(listeningPorts(host)));
            }
        }
        return problems;
    }

    /** Hosts that are not compose services but legitimately appear as host:port (a URL scheme never does: "redis://"). */
    static final Set<String> NON_SERVICE_HOSTS = Set.of("localhost");

    List<String> environmentEndpointProblems() {
        List<String> problems = new ArrayList<>();
        for (String service : services().keySet()) {
            environment(service).forEach((key, value) -> problems.addAll(
                    endpointProblems("service " + service + " env " + key, value, NON_SERVICE_HOSTS)));
        }
        return problems;
    }

    /** LearnHub services use the learnhub/<service> image (optionally behind a registry prefix). */
    List<String> imageProblems() {
        List<String> problems = new ArrayList<>();
        for (String service : LEARNHUB_SERVICES) {
            String image = Yamls.str(service(service), "image");
            if (image == null || !interpolateDefaults(image).matches("(.*/)?learnhub/" + Pattern.quote(service) + ":[^:]+")) {
                problems.add("service " + service + ": image '" + image + "' is not learnhub/" + service + ":<tag>");
            }
        }
        return problems;
    }
}
