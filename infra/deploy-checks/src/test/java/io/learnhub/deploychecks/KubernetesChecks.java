package io.learnhub.deploychecks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cross-object checks of a rendered kustomization: references resolve inside the render (or to
 * an allow-listed Secret an operator or the platform team supplies), selectors select something,
 * probes and security contexts follow the conventions of docs/deploy-kubernetes.md.
 */
final class KubernetesChecks {

    /** Namespaces the conventions allow; every namespaced object lives in one of them. */
    static final Set<String> NAMESPACES = Set.of("learnhub", "learnhub-observability");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "StorageClass", "PriorityClass", "IngressClass", "CustomResourceDefinition");

    /**
     * Secrets that are referenced but legitimately absent from a render.
     *
     * <ul>
     * <li>{@code learnhub/payment-webhook} (key {@code secret}): created by the platform team in prod
     * (never committed with real values). The base has no values either. The dev overlay must generate
     * it, so it is NOT allowed to be missing there. (Tokens need no Secret outside dev: production
     * fetches the issuer's JWKS; the dev overlay generates {@code learnhub/jwt-public-key} from the key
     * pair made on the operator's machine.)</li>
     * <li>{@code learnhub-observability/jaeger-es} (key {@code password}): the Elasticsearch credentials of
     * Jaeger's prod storage (k8s/base/observability/jaeger/elasticsearch), created by the platform team
     * like the two above ("Secrets are created beforehand", k8s/overlays/prod).</li>
     * <li>Secrets CloudNativePG creates for every {@code Cluster} X in the render: {@code X-app}
     * (application user: username, password, host, port, dbname, uri, jdbc-uri...), {@code X-superuser},
     * {@code X-ca}, {@code X-server}, {@code X-replication}.</li>
     * <li>Secrets Strimzi creates for every {@code Kafka} X: {@code X-cluster-ca-cert}, {@code X-clients-ca-cert},
     * {@code X-cluster-ca}, {@code X-clients-ca}; and one Secret per {@code KafkaUser} (same name).</li>
     * <li>An Ingress's TLS {@code secretName} (issued by cert-manager or the platform's TLS tooling).</li>
     * </ul>
     */
    static Set<String> externallySuppliedSecrets(String overlay, List<K8sObject> objects) {
        Set<String> allowed = new HashSet<>();
        if (!"dev".equals(overlay)) {
            allowed.add("learnhub/payment-webhook");
            allowed.add("learnhub-observability/jaeger-es");
        }
        for (K8sObject object : objects) {
            if ("postgresql.cnpg.io".equals(object.group()) && object.is("Cluster")) {
                for (String suffix : List.of("-app", "-superuser", "-ca", "-server", "-replication")) {
                    allowed.add(object.namespace() + "/" + object.name() + suffix);
                }
            }
            if ("kafka.strimzi.io".equals(object.group()) && object.is("Kafka")) {
                for (String suffix : List.of("-cluster-ca-cert", "-clients-ca-cert", "-cluster-ca", "-clients-ca")) {
                    allowed.add(object.namespace() + "/" + object.name() + suffix);
                }
            }
            if ("kafka.strimzi.io".equals(object.group()) && object.is("KafkaUser")) {
                allowed.add(object.namespace() + "/" + object.name());
            }
        }
        return allowed;
    }

    private KubernetesChecks() {
    }

    static List<String> namespaceProblems(List<K8sObject> objects) {
        List<String> problems = new ArrayList<>();
        for (K8sObject object : objects) {
            boolean clusterScoped = CLUSTER_SCOPED.contains(object.kind());
            if (!clusterScoped && !NAMESPACES.contains(object.namespace())) {
                problems.add(object.ref() + ": namespace '" + object.namespace() + "' is not one of " + NAMESPACES);
            }
            if (object.is("Namespace") && !NAMESPACES.contains(object.name())) {
                problems.add(object.ref() + ": unexpected Namespace (conventions: " + NAMESPACES + ")");
            }
        }
        return problems;
    }

    /** Service, PodDisruptionBudget, NetworkPolicy and workload selectors select some pod template. */
    static List<String> selectorProblems(List<K8sObject> objects) {
        List<String> problems = new ArrayList<>();
        for (K8sObject object : objects) {
            switch (String.valueOf(object.kind())) {
                case "Service" -> {
                    Map<String, String> selector = Yamls.strings(object.raw(), "spec", "selector");
                    if (!selector.isEmpty() && !selectsSomething(objects, object.namespace(), selector)) {
                        problems.add(object.ref() + ": selector " + selector + " matches no pod template in namespace "
                                + object.namespace());
                    } else if (!selector.isEmpty()) {
                        problems.addAll(targetPortProblems(objects, object, selector));
                    }
                }
                case "PodDisruptionBudget" -> {
                    Map<String, String> selector = Yamls.strings(object.raw(), "spec", "selector", "matchLabels");
                    if (!selectsSomething(objects, object.namespace(), selector)) {
                        problems.add(object.ref() + ": selector " + selector + " matches no pod template");
                    }
                }
                case "NetworkPolicy" -> {
                    Map<String, String> selector = Yamls.strings(object.raw(), "spec", "podSelector", "matchLabels");
                    boolean hasExpressions = !Yamls.list(Yamls.at(object.raw(), "spec", "podSelector", "matchExpressions")).isEmpty();
                    if (!selector.isEmpty() && !hasExpressions && !selectsSomething(objects, object.namespace(), selector)) {
                        problems.add(object.ref() + ": podSelector " + selector + " matches no pod template");
                    }
                }
                case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> {
                    Map<String, String> selector = Yamls.strings(object.raw(), "spec", "selector", "matchLabels");
                    if (!matches(selector, object.podLabels())) {
                        problems.add(object.ref() + ": spec.selector " + selector + " does not match its own template labels "
                                + object.podLabels());
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    /** True when a workload's pod template, or a pod an operator creates for a Cluster/Kafka in the render, carries the labels. */
    private static boolean selectsSomething(List<K8sObject> objects, String namespace, Map<String, String> selector) {
        for (K8sObject object : objects) {
            if (!object.namespace().equals(namespace)) {
                continue;
            }
            if (object.podTemplate() != null && matches(selector, object.podLabels())) {
                return true;
            }
            boolean cnpgPods = "postgresql.cnpg.io".equals(object.group()) && object.is("Cluster")
                    && object.name().equals(selector.get("cnpg.io/cluster"));
            boolean strimziPods = "kafka.strimzi.io".equals(object.group()) && object.is("Kafka")
                    && object.name().equals(selector.get("strimzi.io/cluster"));
            if (cnpgPods || strimziPods) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** A Service's named targetPort must be a named containerPort of every pod it selects. */
    private static List<String> targetPortProblems(List<K8sObject> objects, K8sObject service, Map<String, String> selector) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> port : Yamls.maps(Yamls.at(service.raw(), "spec", "ports"))) {
            Object target = port.get("targetPort");
            if (!(target instanceof String named)) {
                continue;
            }
            for (K8sObject workload : objects) {
                if (workload.namespace().equals(service.namespace()) && workload.podTemplate() != null
                        && matches(selector, workload.podLabels()) && !containerPortNames(workload).contains(named)) {
                    problems.add(service.ref() + ": targetPort '" + named + "' is not a named containerPort of " + workload.ref());
                }
            }
        }
        return problems;
    }

    private static Set<String> containerPortNames(K8sObject workload) {
        Set<String> names = new HashSet<>();
        for (Map<String, Object> container : workload.containers()) {
            for (Map<String, Object> port : Yamls.maps(container.get("ports"))) {
                if (port.get("name") != null) {
                    names.add(String.valueOf(port.get("name")));
                }
            }
        }
        return names;
    }

    /**
     * ConfigMap/Secret references of pod templates (env valueFrom, envFrom, volumes, projected
     * volumes, imagePullSecrets), ServiceAccounts, PVCs, HPA targets, Ingress backends and
     * Strimzi/CNPG cluster references resolve inside the render or to an allow-listed Secret.
     */
    static List<String> referenceProblems(String overlay, List<K8sObject> objects) {
        Set<String> allowedSecrets = externallySuppliedSecrets(overlay, objects);
        List<String> problems = new ArrayList<>();
        for (K8sObject object : objects) {
            String ns = object.namespace();
            if (object.podTemplate() != null) {
                Map<String, Object> spec = object.podSpec();
                for (Map<String, Object> container : object.containers()) {
                    String where = object.ref() + " container " + container.get("name");
                    for (Map<String, Object> env : Yamls.maps(container.get("env"))) {
                        Object from = env.get("valueFrom");
                        checkKeyRef(problems, objects, allowedSecrets, where + " env " + env.get("name"), ns, "ConfigMap",
                                Yamls.map(Yamls.at(from, "configMapKeyRef")));
                        checkKeyRef(problems, objects, allowedSecrets, where + " env " + env.get("name"), ns, "Secret",
                                Yamls.map(Yamls.at(from, "secretKeyRef")));
                    }
                    for (Map<String, Object> envFrom : Yamls.maps(container.get("envFrom"))) {
                        checkKeyRef(problems, objects, allowedSecrets, where + " envFrom", ns, "ConfigMap",
                                Yamls.map(envFrom.get("configMapRef")));
                        checkKeyRef(problems, objects, allowedSecrets, where + " envFrom", ns, "Secret",
                                Yamls.map(envFrom.get("secretRef")));
                    }
                }
                for (Map<String, Object> volume : Yamls.maps(spec.get("volumes"))) {
                    String where = object.ref() + " volume " + volume.get("name");
                    checkVolumeRef(problems, objects, allowedSecrets, where, ns, "ConfigMap", Yamls.map(volume.get("configMap")), "name");
                    checkVolumeRef(problems, objects, allowedSecrets, where, ns, "Secret", Yamls.map(volume.get("secret")), "secretName");
                    for (Map<String, Object> source : Yamls.maps(Yamls.at(volume, "projected", "sources"))) {
                        checkVolumeRef(problems, objects, allowedSecrets, where, ns, "ConfigMap", Yamls.map(source.get("configMap")), "name");
                        checkVolumeRef(problems, objects, allowedSecrets, where, ns, "Secret", Yamls.map(source.get("secret")), "name");
                    }
                    String claim = Yamls.str(volume, "persistentVolumeClaim", "claimName");
                    if (claim != null && find(objects, "PersistentVolumeClaim", ns, claim) == null) {
                        problems.add(where + ": PersistentVolumeClaim " + ns + "/" + claim + " is not in the render");
                    }
                }
                for (Map<String, Object> pullSecret : Yamls.maps(spec.get("imagePullSecrets"))) {
                    requireSecret(problems, objects, allowedSecrets, object.ref() + " imagePullSecrets", ns,
                            String.valueOf(pullSecret.get("name")));
                }
                String account = Yamls.str(spec, "serviceAccountName");
                if (account != null && !"default".equals(account) && find(objects, "ServiceAccount", ns, account) == null) {
                    problems.add(object.ref() + ": serviceAccountName " + account + " is not in the render");
                }
            }
            switch (String.valueOf(object.kind())) {
                case "HorizontalPodAutoscaler" -> {
                    String kind = Yamls.str(object.raw(), "spec", "scaleTargetRef", "kind");
                    String name = Yamls.str(object.raw(), "spec", "scaleTargetRef", "name");
                    if (find(objects, kind, ns, name) == null) {
                        problems.add(object.ref() + ": scaleTargetRef " + kind + " " + ns + "/" + name + " is not in the render");
                    }
                }
                case "Ingress" -> problems.addAll(ingressProblems(objects, object));
                case "KafkaTopic", "KafkaNodePool", "KafkaUser" -> {
                    String cluster = Yamls.strings(object.raw(), "metadata", "labels").get("strimzi.io/cluster");
                    if (cluster == null || find(objects, "Kafka", ns, cluster) == null) {
                        problems.add(object.ref() + ": label strimzi.io/cluster=" + cluster + " names no Kafka in namespace " + ns);
                    }
                }
                case "Database", "ScheduledBackup", "Pooler" -> {
                    String cluster = Yamls.str(object.raw(), "spec", "cluster", "name");
                    if ("postgresql.cnpg.io".equals(object.group()) && (cluster == null || find(objects, "Cluster", ns, cluster) == null)) {
                        problems.add(object.ref() + ": spec.cluster.name=" + cluster + " names no CNPG Cluster in namespace " + ns);
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    private static List<String> ingressProblems(List<K8sObject> objects, K8sObject ingress) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> backends = new ArrayList<>();
        Object defaultBackend = Yamls.at(ingress.raw(), "spec", "defaultBackend");
        if (defaultBackend != null) {
            backends.add(Yamls.map(defaultBackend));
        }
        for (Map<String, Object> rule : Yamls.maps(Yamls.at(ingress.raw(), "spec", "rules"))) {
            for (Map<String, Object> path : Yamls.maps(Yamls.at(rule, "http", "paths"))) {
                backends.add(Yamls.map(path.get("backend")));
            }
        }
        for (Map<String, Object> backend : backends) {
            String name = Yamls.str(backend, "service", "name");
            if (name == null) {
                continue;
            }
            K8sObject service = find(objects, "Service", ingress.namespace(), name);
            if (service == null) {
                problems.add(ingress.ref() + ": backend Service " + name + " is not in the render");
                continue;
            }
            Object portNumber = Yamls.at(backend, "service", "port", "number");
            String portName = Yamls.str(backend, "service", "port", "name");
            boolean found = false;
            for (Map<String, Object> port : Yamls.maps(Yamls.at(service.raw(), "spec", "ports"))) {
                found |= portNumber != null && Objects.equals(String.valueOf(portNumber), String.valueOf(port.get("port")));
                found |= portName != null && portName.equals(port.get("name"));
            }
            if (!found) {
                problems.add(ingress.ref() + ": backend port " + (portNumber != null ? portNumber : portName)
                        + " is not a port of " + service.ref());
            }
        }
        return problems;
    }

    /** The gateway's WebSocket endpoint (docs/architecture.md, "WebSocket: live chat"). */
    static final String WEBSOCKET_PATH = "/ws/chat";
    /** A REST path of the gateway: the socket is served on the same hosts, so browsers open it on the same origin. */
    static final String API_PATH = "/api/chat";
    /** ingress-nginx ends a proxied connection after proxy-read/send-timeout seconds without data (default 60). */
    static final int MIN_WEBSOCKET_TIMEOUT_SECONDS = 3600;

    private static final List<String> WEBSOCKET_TIMEOUTS = List.of(
            "nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout");

    /**
     * The gateway's WebSocket is reachable from outside: an Ingress routes {@link #WEBSOCKET_PATH} to
     * Service gateway (and none to anything else), with ingress-nginx timeouts long enough for an idle
     * socket, on exactly the hosts (and with the same TLS) as the REST API.
     */
    static List<String> webSocketIngressProblems(List<K8sObject> objects) {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> socketHosts = new TreeMap<>();
        Map<String, Boolean> apiHosts = new TreeMap<>();
        for (K8sObject ingress : objects) {
            if (!ingress.is("Ingress")) {
                continue;
            }
            Set<String> tlsHosts = new HashSet<>();
            for (Map<String, Object> tls : Yamls.maps(Yamls.at(ingress.raw(), "spec", "tls"))) {
                Yamls.list(tls.get("hosts")).forEach(host -> tlsHosts.add(String.valueOf(host)));
            }
            for (Map<String, Object> rule : Yamls.maps(Yamls.at(ingress.raw(), "spec", "rules"))) {
                String host = rule.get("host") == null ? "*" : String.valueOf(rule.get("host"));
                for (Map<String, Object> path : Yamls.maps(Yamls.at(rule, "http", "paths"))) {
                    String service = Yamls.str(path, "backend", "service", "name");
                    if (covers(path, WEBSOCKET_PATH)) {
                        if (!"gateway".equals(service)) {
                            problems.add(ingress.ref() + ": routes " + WEBSOCKET_PATH + " on " + host + " to Service " + service
                                    + ", not to the gateway");
                            continue;
                        }
                        socketHosts.put(host, tlsHosts.contains(host));
                        problems.addAll(webSocketTimeoutProblems(ingress));
                    }
                    if (covers(path, API_PATH) && "gateway".equals(service)) {
                        apiHosts.put(host, tlsHosts.contains(host));
                    }
                }
            }
        }
        if (socketHosts.isEmpty()) {
            problems.add("no Ingress routes " + WEBSOCKET_PATH + " to Service gateway");
        } else if (!socketHosts.equals(apiHosts)) {
            problems.add(WEBSOCKET_PATH + " is served on " + socketHosts + " but " + API_PATH + " on " + apiHosts
                    + " (host -> TLS): the socket must share the API's origin");
        }
        return problems;
    }

    private static List<String> webSocketTimeoutProblems(K8sObject ingress) {
        List<String> problems = new ArrayList<>();
        Map<String, String> annotations = Yamls.strings(ingress.raw(), "metadata", "annotations");
        for (String annotation : WEBSOCKET_TIMEOUTS) {
            String value = annotations.get(annotation);
            int seconds;
            try {
                seconds = value == null ? 0 : Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                seconds = 0;
            }
            if (seconds < MIN_WEBSOCKET_TIMEOUT_SECONDS) {
                problems.add(ingress.ref() + ": carries " + WEBSOCKET_PATH + " but " + annotation + " is " + value
                        + " (at least " + MIN_WEBSOCKET_TIMEOUT_SECONDS + " seconds, or idle sockets are cut)");
            }
        }
        return problems;
    }

    /** Whether an Ingress path matches a request path (Exact, or Prefix by path elements; ImplementationSpecific as Prefix). */
    private static boolean covers(Map<String, Object> path, String requestPath) {
        String value = Yamls.str(path, "path");
        if (value == null) {
            return false;
        }
        if ("Exact".equals(Yamls.str(path, "pathType"))) {
            return value.equals(requestPath);
        }
        String prefix = value.endsWith("/") ? value : value + "/";
        return value.equals("/") || value.equals(requestPath) || requestPath.startsWith(prefix);
    }

    private static void checkKeyRef(List<String> problems, List<K8sObject> objects, Set<String> allowedSecrets, String where,
            String ns, String kind, Map<String, Object> ref) {
        if (ref.isEmpty() || Boolean.TRUE.equals(ref.get("optional"))) {
            return;
        }
        String name = String.valueOf(ref.get("name"));
        K8sObject target = find(objects, kind, ns, name);
        if (target == null) {
            if (kind.equals("Secret")) {
                requireSecret(problems, objects, allowedSecrets, where, ns, name);
            } else {
                problems.add(where + ": ConfigMap " + ns + "/" + name + " is not in the render");
            }
            return;
        }
        Object key = ref.get("key");
        if (key != null && !dataKeys(target).contains(String.valueOf(key))) {
            problems.add(where + ": " + kind + " " + ns + "/" + name + " has no key '" + key + "' (keys: " + dataKeys(target) + ")");
        }
    }

    private static void checkVolumeRef(List<String> problems, List<K8sObject> objects, Set<String> allowedSecrets, String where,
            String ns, String kind, Map<String, Object> ref, String nameField) {
        if (ref.isEmpty() || Boolean.TRUE.equals(ref.get("optional"))) {
            return;
        }
        String name = String.valueOf(ref.get(nameField));
        K8sObject target = find(objects, kind, ns, name);
        if (target == null) {
            if (kind.equals("Secret")) {
                requireSecret(problems, objects, allowedSecrets, where, ns, name);
            } else {
                problems.add(where + ": ConfigMap " + ns + "/" + name + " is not in the render");
            }
            return;
        }
        for (Map<String, Object> item : Yamls.maps(ref.get("items"))) {
            String key = String.valueOf(item.get("key"));
            if (!dataKeys(target).contains(key)) {
                problems.add(where + ": " + kind + " " + ns + "/" + name + " has no key '" + key + "' (keys: " + dataKeys(target) + ")");
            }
        }
    }

    private static void requireSecret(List<String> problems, List<K8sObject> objects, Set<String> allowedSecrets, String where,
            String ns, String name) {
        boolean allowed = allowedSecrets.contains(ns + "/" + name);
        if (find(objects, "Secret", ns, name) == null && !allowed) {
            problems.add(where + ": Secret " + ns + "/" + name + " is neither in the render nor an allow-listed external Secret");
        }
    }

    private static Set<String> dataKeys(K8sObject configMapOrSecret) {
        Set<String> keys = new LinkedHashSet<>();
        for (String section : List.of("data", "stringData", "binaryData")) {
            keys.addAll(Yamls.map(configMapOrSecret.raw().get(section)).keySet());
        }
        return keys;
    }

    static K8sObject find(List<K8sObject> objects, String kind, String namespace, String name) {
        for (K8sObject object : objects) {
            if (Objects.equals(kind, object.kind()) && Objects.equals(name, object.name())
                    && (object.namespace().isEmpty() || object.namespace().equals(namespace))) {
                return object;
            }
        }
        return null;
    }

    /** LearnHub service containers are the ones running a learnhub/* image. */
    static boolean isLearnHubService(Map<String, Object> container) {
        String image = String.valueOf(container.get("image"));
        return image.matches("(.*/)?learnhub/(gateway|chat-service|payment-service|report-service)(:.*|@.*)?");
    }

    /**
     * Startup, readiness and liveness probes of every LearnHub service container are httpGet probes on
     * /q/health/{started,ready,live}; every probe of every container (collector, Jaeger, Redis too)
     * targets one of the container's declared ports (by name or number).
     */
    static List<String> probeProblems(List<K8sObject> objects) {
        Map<String, String> expected = Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live");
        List<String> problems = new ArrayList<>();
        for (K8sObject object : objects) {
            for (Map<String, Object> container : object.containers()) {
                Set<String> ports = new HashSet<>();
                for (Map<String, Object> port : Yamls.maps(container.get("ports"))) {
                    ports.add(String.valueOf(port.get("containerPort")));
                    if (port.get("name") != null) {
                        ports.add(String.valueOf(port.get("name")));
                    }
                }
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    String where = object.ref() + " container " + container.get("name") + " " + probe;
                    for (String handler : List.of("httpGet", "tcpSocket", "grpc")) {
                        String port = Yamls.str(container, probe, handler, "port");
                        if (port != null && !ports.contains(port)) {
                            problems.add(where + ": port " + port + " is not a declared containerPort " + new TreeSet<>(ports));
                        }
                    }
                    if (!isLearnHubService(container)) {
                        continue;
                    }
                    String path = expected.get(probe);
                    Object httpGet = Yamls.at(container, probe, "httpGet");
                    if (httpGet == null) {
                        problems.add(where + ": missing (an httpGet probe on " + path + " is required)");
                    } else if (!path.equals(Yamls.str(httpGet, "path"))) {
                        problems.add(where + ": path " + Yamls.str(httpGet, "path") + " (expected " + path + ")");
                    }
                }
            }
        }
        return problems;
    }

    /** Every container runs as non-root (container or pod securityContext) with a read-only root filesystem. */
    static List<String> securityContextProblems(List<K8sObject> objects) {
        List<String> problems = new ArrayList<>();
        for (K8sObject object : objects) {
            Map<String, Object> spec = object.podSpec();
            if (spec == null) {
                continue;
            }
            Map<String, Object> podContext = Yamls.map(spec.get("securityContext"));
            for (Map<String, Object> container : object.containers()) {
                String where = object.ref() + " container " + container.get("name");
                Map<String, Object> context = Yamls.map(container.get("securityContext"));
                Object nonRoot = context.containsKey("runAsNonRoot") ? context.get("runAsNonRoot") : podContext.get("runAsNonRoot");
                Object user = context.containsKey("runAsUser") ? context.get("runAsUser") : podContext.get("runAsUser");
                if (!Boolean.TRUE.equals(nonRoot)) {
                    problems.add(where + ": runAsNonRoot is not true");
                }
                if (user != null && "0".equals(String.valueOf(user))) {
                    problems.add(where + ": runAsUser is 0 (root)");
                }
                if (!Boolean.TRUE.equals(context.get("readOnlyRootFilesystem"))) {
                    problems.add(where + ": securityContext.readOnlyRootFilesystem is not true");
                }
            }
        }
        return problems;
    }

    /** Env var names given to LearnHub service containers (env and envFrom ConfigMaps/Secrets in the render). */
    static Map<String, Set<String>> learnHubEnv(List<K8sObject> objects) {
        Map<String, Set<String>> byContainer = new TreeMap<>();
        for (K8sObject object : objects) {
            for (Map<String, Object> container : object.containers()) {
                if (isLearnHubService(container)) {
                    byContainer.put(object.ref() + " container " + container.get("name"), envNames(objects, object, container));
                }
            }
        }
        return byContainer;
    }

    static Set<String> envNames(List<K8sObject> objects, K8sObject workload, Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> env : Yamls.maps(container.get("env"))) {
            names.add(String.valueOf(env.get("name")));
        }
        for (Map<String, Object> envFrom : Yamls.maps(container.get("envFrom"))) {
            String prefix = envFrom.get("prefix") == null ? "" : String.valueOf(envFrom.get("prefix"));
            for (String kind : List.of("ConfigMap", "Secret")) {
                String name = Yamls.str(envFrom, kind.equals("ConfigMap") ? "configMapRef" : "secretRef", "name");
                K8sObject source = name == null ? null : find(objects, kind, workload.namespace(), name);
                if (source != null) {
                    dataKeys(source).forEach(key -> names.add(prefix + key));
                }
            }
        }
        return names;
    }
}
