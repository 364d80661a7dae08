package io.learnhub.deploychecks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.JsonElement;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * Strict parsing of rendered objects against the Kubernetes 1.32 API model
 * (io.kubernetes:client-java-api 24.0.0).
 *
 * <p>Each generated model's static {@code validateJsonElement} rejects fields that are not in the
 * schema and missing required fields, and it recurses into every nested model (a misspelt key in
 * a container's securityContext fails as "not defined in the V1SecurityContext properties");
 * {@code JSON.getGson().fromJson} then binds the values, which rejects only what Gson cannot
 * convert (a non-numeric string where an integer belongs, an object where a list belongs).
 * Neither checks scalar types the way the API server does (Gson converts 8 to "8", "10001" to
 * 10001, "yes" to false): {@link KubernetesTypes} does, on every field, list item and map value.
 * Custom resources have no such model here; they get a structural check, an allow-list of kinds,
 * and the same checks of their metadata.
 */
final class KubernetesModel {

    /** apiVersion + kind of every built-in object the manifests may use, mapped to its model class. */
    private static final Map<String, Class<?>> BUILT_IN = new LinkedHashMap<>();

    /** Custom resources of the operators the manifests rely on (Strimzi, CloudNativePG). */
    static final Set<String> CUSTOM_RESOURCES = Set.of(
            "kafka.strimzi.io/v1beta2 Kafka", "kafka.strimzi.io/v1beta2 KafkaNodePool",
            "kafka.strimzi.io/v1beta2 KafkaTopic", "kafka.strimzi.io/v1beta2 KafkaUser",
            "kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool",
            "kafka.strimzi.io/v1 KafkaTopic", "kafka.strimzi.io/v1 KafkaUser",
            "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Database",
            "postgresql.cnpg.io/v1 ScheduledBackup", "postgresql.cnpg.io/v1 Pooler");

    static {
        register("v1", "Namespace", "ConfigMap", "Secret", "Service", "ServiceAccount", "Pod",
                "PersistentVolumeClaim", "ResourceQuota", "LimitRange", "Endpoints");
        register("apps/v1", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");
        register("batch/v1", "Job", "CronJob");
        register("autoscaling/v2", "HorizontalPodAutoscaler");
        register("autoscaling/v1", "HorizontalPodAutoscaler");
        register("policy/v1", "PodDisruptionBudget");
        register("networking.k8s.io/v1", "Ingress", "IngressClass", "NetworkPolicy");
        register("rbac.authorization.k8s.io/v1", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
        register("storage.k8s.io/v1", "StorageClass");
        register("scheduling.k8s.io/v1", "PriorityClass");
    }

    private static final Gson GSON = new Gson();

    private KubernetesModel() {
    }

    private static void register(String apiVersion, String... kinds) {
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String prefix = Character.toUpperCase(version.charAt(0)) + version.substring(1);
        for (String kind : kinds) {
            String className = "io.kubernetes.client.openapi.models." + prefix + kind;
            try {
                BUILT_IN.put(apiVersion + " " + kind, Class.forName(className));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("no model class " + className + " for " + apiVersion + " " + kind, e);
            }
        }
    }

    /** Built-in API groups: the core group and the *.k8s.io groups (plus the unqualified ones like apps). */
    static boolean isBuiltIn(K8sObject object) {
        String group = object.group();
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    static List<String> problems(List<K8sObject> objects) {
        new JSON(); // installs the model type adapters (Quantity, IntOrString, OffsetDateTime) into JSON.getGson()
        List<String> problems = new ArrayList<>();
        for (K8sObject object : objects) {
            String where = object.ref() + " (" + object.apiVersion() + ")";
            if (object.apiVersion() == null || object.kind() == null) {
                problems.add(where + ": apiVersion and kind are required");
                continue;
            }
            if (object.name() == null || object.name().isBlank()) {
                problems.add(where + ": metadata.name is required");
            }
            String key = object.apiVersion() + " " + object.kind();
            JsonElement json = GSON.toJsonTree(object.raw());
            if (isBuiltIn(object)) {
                Class<?> model = BUILT_IN.get(key);
                if (model == null) {
                    problems.add(where + ": unknown built-in kind (not in the Kubernetes 1.32 model map of this check)");
                    continue;
                }
                strict(model, json).ifPresent(error -> problems.add(where + ": " + error));
                KubernetesTypes.problems(model, json, "").forEach(p -> problems.add(where + ": " + p));
            } else {
                problems.addAll(customResourceProblems(object, key, where));
            }
        }
        return problems;
    }

    private static List<String> customResourceProblems(K8sObject object, String key, String where) {
        List<String> problems = new ArrayList<>();
        if (!CUSTOM_RESOURCES.contains(key)) {
            problems.add(where + ": custom resource kind not in the allowed list " + CUSTOM_RESOURCES);
            return problems;
        }
        Set<String> topLevel = new HashSet<>(object.raw().keySet());
        topLevel.removeAll(Set.of("apiVersion", "kind", "metadata", "spec"));
        if (!topLevel.isEmpty()) {
            problems.add(where + ": unexpected top-level fields " + topLevel + " (a manifest has apiVersion, kind, metadata, spec)");
        }
        if (!(object.raw().get("spec") instanceof Map) || Yamls.map(object.raw().get("spec")).isEmpty()) {
            problems.add(where + ": spec is required");
        }
        JsonElement metadata = GSON.toJsonTree(object.raw().get("metadata"));
        strict(V1ObjectMeta.class, metadata).ifPresent(error -> problems.add(where + ": metadata: " + error));
        KubernetesTypes.problems(V1ObjectMeta.class, metadata, "metadata").forEach(p -> problems.add(where + ": " + p));
        return problems;
    }

    /** Empty when the JSON binds to the model with no unknown, missing or mistyped field; else the error. */
    static Optional<String> strict(Class<?> model, JsonElement json) {
        try {
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
            JSON.getGson().fromJson(json, model);
            return Optional.empty();
        } catch (InvocationTargetException e) {
            return Optional.of(String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no validateJsonElement(JsonElement)", e);
        } catch (RuntimeException e) {
            return Optional.of(e.toString());
        }
    }
}
