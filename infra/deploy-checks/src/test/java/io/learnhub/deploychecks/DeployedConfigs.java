package io.learnhub.deploychecks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Which rendered workloads run a given config file (a ConfigMap value equal to it), and their env vars. */
final class DeployedConfigs {

    private DeployedConfigs() {
    }

    /** Workload ref → env var names (all containers), for every workload mounting a ConfigMap that holds the text verbatim. */
    static Map<String, Set<String>> workloadsMounting(List<K8sObject> objects, String configText) {
        Set<String> configMaps = new TreeSet<>();
        for (K8sObject object : objects) {
            if (object.is("ConfigMap") && Yamls.strings(object.raw(), "data").containsValue(configText)) {
                configMaps.add(object.namespace() + "/" + object.name());
            }
        }
        Map<String, Set<String>> workloads = new TreeMap<>();
        for (K8sObject object : objects) {
            if (object.podSpec() == null) {
                continue;
            }
            boolean mounts = false;
            for (Map<String, Object> volume : Yamls.maps(object.podSpec().get("volumes"))) {
                mounts |= configMaps.contains(object.namespace() + "/" + Yamls.str(volume, "configMap", "name"));
                for (Map<String, Object> source : Yamls.maps(Yamls.at(volume, "projected", "sources"))) {
                    mounts |= configMaps.contains(object.namespace() + "/" + Yamls.str(source, "configMap", "name"));
                }
            }
            if (mounts) {
                Set<String> env = new TreeSet<>();
                object.containers().forEach(c -> env.addAll(KubernetesChecks.envNames(objects, object, c)));
                workloads.put(object.ref(), env);
            }
        }
        return workloads;
    }

    static Map<String, Set<String>> missingEnv(Map<String, Set<String>> workloads, Set<String> required) {
        Map<String, Set<String>> missing = new TreeMap<>();
        workloads.forEach((workload, env) -> {
            Set<String> absent = new TreeSet<>(required);
            absent.removeAll(env);
            if (!absent.isEmpty()) {
                missing.put(workload, absent);
            }
        });
        return missing;
    }
}
