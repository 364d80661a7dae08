package io.learnhub.deploychecks;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.strimzi.api.kafka.model.common.UnknownPropertyPreserving;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Checks Strimzi custom resources against Strimzi's own Java API model (io.strimzi:api, the
 * classes its CRDs are generated from). The model keeps fields it does not know in
 * {@code additionalProperties} instead of failing, so after binding every nested object is
 * walked and any such leftover is a problem: a misspelt or invented field the operator would
 * ignore or reject.
 */
final class StrimziModel {

    private static final Map<String, Class<?>> MODELS = Map.of(
            "Kafka", Kafka.class,
            "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private StrimziModel() {
    }

    /** The problems of every kafka.strimzi.io object in the render; other objects are skipped. */
    static List<String> problems(List<K8sObject> objects) {
        List<String> problems = new ArrayList<>();
        for (K8sObject object : objects) {
            if (!"kafka.strimzi.io".equals(object.group())) {
                continue;
            }
            Class<?> model = MODELS.get(object.kind());
            if (model == null) {
                problems.add(object.ref() + ": no Strimzi model checked for kind " + object.kind());
                continue;
            }
            try {
                walk(MAPPER.convertValue(object.raw(), model), object.ref(), problems, new IdentityHashMap<>());
            } catch (IllegalArgumentException e) {
                problems.add(object.ref() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return problems;
    }

    private static void walk(Object node, String path, List<String> problems, IdentityHashMap<Object, Boolean> seen) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node.getClass().isEnum() || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, problems, seen));
            return;
        }
        if (node instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                walk(element, path + "[" + index++ + "]", problems, seen);
            }
            return;
        }
        String type = node.getClass().getName();
        if (!type.startsWith("io.strimzi.") && !type.startsWith("io.fabric8.")) {
            return;
        }
        Map<String, Object> unknown = additionalProperties(node);
        if (!unknown.isEmpty()) {
            problems.add(path + ": fields not in the Strimzi model: " + unknown.keySet());
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())
                    && getter.getName().startsWith("get") && !getter.getName().equals("getClass")
                    && !getter.getName().equals("getAdditionalProperties")) {
                try {
                    walk(getter.invoke(node), path + "." + decapitalize(getter.getName().substring(3)), problems, seen);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // a derived getter that cannot be computed is not a field of the resource
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additionalProperties(Object node) {
        if (node instanceof UnknownPropertyPreserving preserving) {
            return preserving.getAdditionalProperties() == null ? Map.of() : preserving.getAdditionalProperties();
        }
        try {
            Object properties = node.getClass().getMethod("getAdditionalProperties").invoke(node);
            return properties == null ? Map.of() : (Map<String, Object>) properties;
        } catch (ReflectiveOperationException e) {
            return Map.of();
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
