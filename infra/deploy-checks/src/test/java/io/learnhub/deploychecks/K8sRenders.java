package io.learnhub.deploychecks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** `kubectl kustomize` renders, computed once per directory and shared by the test classes. */
final class K8sRenders {

    static final List<String> DIRS = List.of("k8s/base", "k8s/overlays/dev", "k8s/overlays/prod");

    private static final Map<String, List<K8sObject>> RENDERS = new ConcurrentHashMap<>();

    private K8sRenders() {
    }

    static final String DEV = "k8s/overlays/dev";

    static List<K8sObject> render(String dir) {
        return RENDERS.computeIfAbsent(dir, d -> {
            if (DEV.equals(d)) {
                // what an operator runs first: the overlay reads a key pair made on this machine
                Commands.generateDevJwtKeys();
            }
            return K8sObject.parseAll(Commands.kustomize(Repo.path(d)));
        });
    }

    /** "base", "dev" or "prod". */
    static String overlay(String dir) {
        return dir.substring(dir.lastIndexOf('/') + 1);
    }
}
