package io.learnhub.deploychecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One rendered Kubernetes object (untyped), with the coordinates every check reports. */
record K8sObject(Map<String, Object> raw) {

    static List<K8sObject> parseAll(String multiDocYaml) {
        List<K8sObject> objects = new ArrayList<>();
        for (Object doc : Yamls.loadAll(multiDocYaml)) {
            if (!(doc instanceof Map)) {
                throw new IllegalArgumentException("a rendered document is not a mapping: " + doc);
            }
            objects.add(new K8sObject(Yamls.map(doc)));
        }
        return objects;
    }

    String apiVersion() {
        return Yamls.str(raw, "apiVersion");
    }

    String kind() {
        return Yamls.str(raw, "kind");
    }

    String name() {
        return Yamls.str(raw, "metadata", "name");
    }

    /** The namespace, or "" for cluster-scoped objects and objects left without one. */
    String namespace() {
        String ns = Yamls.str(raw, "metadata", "namespace");
        return ns == null ? "" : ns;
    }

    /** API group ("" for core). */
    String group() {
        String apiVersion = apiVersion();
        if (apiVersion == null || !apiVersion.contains("/")) {
            return "";
        }
        return apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    boolean is(String kind) {
        return kind.equals(kind());
    }

    /** "Kind namespace/name", the way every problem names its object. */
    String ref() {
        return kind() + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name();
    }

    /** The pod template of a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob), or null. */
    Map<String, Object> podTemplate() {
        Object template = switch (String.valueOf(kind())) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> Yamls.at(raw, "spec", "template");
            case "CronJob" -> Yamls.at(raw, "spec", "jobTemplate", "spec", "template");
            case "Pod" -> raw;
            default -> null;
        };
        return template instanceof Map ? Yamls.map(template) : null;
    }

    Map<String, String> podLabels() {
        Map<String, Object> template = podTemplate();
        return template == null ? Map.of() : Yamls.strings(template, "metadata", "labels");
    }

    Map<String, Object> podSpec() {
        Map<String, Object> template = podTemplate();
        return template == null ? null : Yamls.map(template.get("spec"));
    }

    /** Containers and init containers of the pod template. */
    List<Map<String, Object>> containers() {
        Map<String, Object> spec = podSpec();
        List<Map<String, Object>> all = new ArrayList<>();
        if (spec != null) {
            all.addAll(Yamls.maps(spec.get("initContainers")));
            all.addAll(Yamls.maps(spec.get("containers")));
        }
        return all;
    }
}
