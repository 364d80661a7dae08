package io.learnhub.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/: `kubectl kustomize` renders the base and both overlays; every rendered object parses
 * strictly against the Kubernetes 1.32 API model; references and selectors resolve; probes and
 * security contexts follow the conventions; copies of shared configs are byte-identical.
 */
class KubernetesManifestsTest {

    private static List<K8sObject> render(String dir) {
        return K8sRenders.render(dir);
    }

    /** "base", "dev" or "prod" (the allow-list of external Secrets depends on it). */
    private static String overlay(String dir) {
        return K8sRenders.overlay(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void everyRenderedObjectParsesStrictlyAgainstTheKubernetesApiModel(String dir) {
        List<K8sObject> objects = render(dir);
        assertThat(objects).as(dir + " renders objects").isNotEmpty();
        assertThat(KubernetesModel.problems(objects)).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void everyObjectLivesInAConventionNamespace(String dir) {
        assertThat(KubernetesChecks.namespaceProblems(render(dir))).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void selectorsSelectPodTemplatesInTheirNamespace(String dir) {
        assertThat(KubernetesChecks.selectorProblems(render(dir))).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void configMapSecretAndObjectReferencesResolve(String dir) {
        assertThat(KubernetesChecks.referenceProblems(overlay(dir), render(dir))).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void theFourServicesAreDeployedWithQuarkusHealthProbes(String dir) {
        List<K8sObject> objects = render(dir);
        List<String> images = new ArrayList<>();
        objects.stream().filter(o -> o.is("Deployment")).flatMap(o -> o.containers().stream())
                .filter(KubernetesChecks::isLearnHubService).forEach(c -> images.add(String.valueOf(c.get("image"))));
        for (String service : List.of("gateway", "chat-service", "payment-service", "report-service")) {
            assertThat(images).as(dir + ": a Deployment runs learnhub/" + service)
                    .anyMatch(image -> image.contains("learnhub/" + service + ":") || image.contains("learnhub/" + service + "@"));
        }
        assertThat(KubernetesChecks.probeProblems(objects)).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void containersRunAsNonRootWithReadOnlyRootFilesystem(String dir) {
        assertThat(KubernetesChecks.securityContextProblems(render(dir))).as(dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void serviceEnvVarsAreDefinedInTheContracts(String dir) {
        assertThat(unknownEnv(render(dir), Contracts.envVars())).as(dir + ": env vars not in docs/contracts.md").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void theChatWebSocketReachesTheGatewayThroughTheIngressWithLongTimeouts(String dir) {
        assertThat(KubernetesChecks.webSocketIngressProblems(render(dir))).as(dir).isEmpty();
    }

    /** No overlay may trust the committed dev key pair: the dev overlay uses one made by generate-jwt-keys. */
    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void noRenderCarriesTheCommittedDevKeyPair(String dir) {
        assertThat(CommittedKeys.problems(render(dir), CommittedKeys.ofRepo())).as(dir).isEmpty();
    }

    private static Map<String, Set<String>> unknownEnv(List<K8sObject> objects, Set<String> known) {
        Map<String, Set<String>> unknown = new TreeMap<>();
        KubernetesChecks.learnHubEnv(objects).forEach((container, names) -> {
            Set<String> extra = new TreeSet<>(names);
            extra.removeAll(known);
            if (!extra.isEmpty()) {
                unknown.put(container, extra);
            }
        });
        return unknown;
    }

    @Test
    void collectorConfigInK8sIsAByteIdenticalCopy() throws IOException {
        Path original = Repo.path("infra/otel-collector/collector.yaml");
        Path copy = Repo.path("k8s/base/observability/otel-collector/collector.yaml");
        assertThat(copy).as("the k8s copy of the collector config").exists();
        assertThat(Files.mismatch(original, copy)).as(copy + " differs from " + original + " (first differing byte)")
                .isEqualTo(-1L);
    }

    /**
     * Any file under k8s/ named like a shared config (infra/otel-collector/collector.yaml,
     * infra/jaeger/*.yaml) is a byte-identical copy of it (kustomize cannot load files outside k8s/).
     */
    @Test
    void sharedConfigCopiesInK8sAreByteIdentical() throws IOException {
        Map<String, Path> originals = new TreeMap<>();
        originals.put("collector.yaml", Repo.path("infra/otel-collector/collector.yaml"));
        try (Stream<Path> files = Files.list(Repo.path("infra/jaeger"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> originals.put(f.getFileName().toString(), f));
        }
        List<String> differing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.path("k8s"))) {
            for (Path copy : files.filter(Files::isRegularFile).toList()) {
                Path original = originals.get(copy.getFileName().toString());
                if (original != null && Files.mismatch(original, copy) != -1L) {
                    differing.add(Repo.ROOT.relativize(copy) + " differs from " + Repo.ROOT.relativize(original));
                }
            }
        }
        assertThat(differing).isEmpty();
    }

    /** Deliberately bad inputs: each check must reject them (proves the checks are real). */
    @Nested
    class CatchesMistakes {

        private List<K8sObject> fixture(String name) {
            return K8sObject.parseAll(Repo.resource("fixtures/k8s/" + name));
        }

        @Test
        void aValidRenderPassesEveryCheck() {
            List<K8sObject> objects = fixture("valid.yaml");
            assertThat(KubernetesModel.problems(objects)).isEmpty();
            assertThat(KubernetesChecks.namespaceProblems(objects)).isEmpty();
            assertThat(KubernetesChecks.selectorProblems(objects)).isEmpty();
            assertThat(KubernetesChecks.referenceProblems("prod", objects)).isEmpty();
            assertThat(KubernetesChecks.probeProblems(objects)).isEmpty();
            assertThat(KubernetesChecks.securityContextProblems(objects)).isEmpty();
            assertThat(unknownEnv(objects, Contracts.envVars())).isEmpty();
            assertThat(KubernetesChecks.webSocketIngressProblems(objects)).isEmpty();
        }

        @Test
        void aWebSocketIngressWithShortTimeoutsAnotherHostOrAnotherBackendFails() {
            List<String> problems = KubernetesChecks.webSocketIngressProblems(fixture("websocket-ingress.yaml"));
            assertThat(problems).containsExactlyInAnyOrder(
                    "Ingress learnhub/gateway-websocket: carries /ws/chat but nginx.ingress.kubernetes.io/proxy-read-timeout is 60"
                            + " (at least 3600 seconds, or idle sockets are cut)",
                    "Ingress learnhub/gateway-websocket: carries /ws/chat but nginx.ingress.kubernetes.io/proxy-send-timeout is null"
                            + " (at least 3600 seconds, or idle sockets are cut)",
                    "Ingress learnhub/chat-direct: routes /ws/chat on learnhub.example.com to Service chat-service, not to the gateway",
                    "/ws/chat is served on {learnhub.localtest.me=false} but /api/chat on {learnhub.example.com=true}"
                            + " (host -> TLS): the socket must share the API's origin");
            assertThat(KubernetesChecks.webSocketIngressProblems(List.of())).containsExactly("no Ingress routes /ws/chat to Service gateway");
        }

        @Test
        void unknownTopLevelSpecFieldFails() {
            assertThat(KubernetesModel.problems(fixture("unknown-field.yaml")))
                    .anyMatch(p -> p.contains("Deployment learnhub/gateway") && p.contains("`replica`")
                            && p.contains("V1DeploymentSpec"));
        }

        @Test
        void unknownFieldNestedInAContainerSecurityContextFails() {
            assertThat(KubernetesModel.problems(fixture("nested-unknown-field.yaml")))
                    .anyMatch(p -> p.contains("`readOnlyRootFileSystem`") && p.contains("V1SecurityContext"));
        }

        @Test
        void wronglyTypedValuesFail() {
            List<String> problems = KubernetesModel.problems(fixture("wrong-type.yaml"));
            assertThat(problems).anyMatch(p -> p.contains("Deployment learnhub/gateway") && p.contains("NumberFormatException"));
            assertThat(problems).anyMatch(p -> p.contains("ConfigMap learnhub/x") && p.contains("labels"));
        }

        /**
         * The API server refuses a scalar of the wrong type anywhere in an object; Gson's binding
         * converts most of them, so each must be reported by the type walk, with its path.
         */
        @Test
        void scalarsOfTheWrongTypeFailInListsMapsAndNestedObjects() {
            List<String> problems = KubernetesModel.problems(fixture("wrong-type.yaml"));
            String cronJob = "CronJob learnhub-observability/index-cleaner";
            String pod = "spec.jobTemplate.spec.template.";
            String container = pod + "spec.containers[0].";

            assertReported(problems, cronJob, container + "args[0]", "a string is required, found the number 8");
            assertReported(problems, cronJob, container + "command[1]", "a string is required, found the number 3600");
            assertReported(problems, cronJob, pod + "metadata.annotations[prometheus.io/port]",
                    "a string is required, found the number 8888");
            assertReported(problems, cronJob, container + "env[0].value", "a string is required, found the boolean true");
            assertReported(problems, cronJob, pod + "spec.securityContext.runAsNonRoot",
                    "a boolean (true/false, unquoted) is required, found the string \"true\"");
            assertReported(problems, cronJob, pod + "spec.securityContext.runAsUser",
                    "a 64-bit integer is required, found the string \"10001\"");
            assertReported(problems, cronJob, "spec.suspend", "a boolean (true/false, unquoted) is required");
            assertReported(problems, cronJob, "spec.successfulJobsHistoryLimit", "found the fraction 1.5");
            assertReported(problems, cronJob, container + "resources.requests[cpu]", "a quantity");
            assertReported(problems, cronJob, container + "resources.limits[memory]", "'1GB' is not a quantity");

            String settings = "ConfigMap learnhub/settings";
            assertReported(problems, settings, "metadata.labels[version]", "a string is required, found the number 2");
            assertReported(problems, settings, "data[PORT]", "a string is required, found the number 8080");
            assertReported(problems, settings, "data[DEMO]", "a string is required, found the boolean true");
            assertThat(problems).as("a string value is fine").noneMatch(p -> p.contains("data[NAME]"));

            assertReported(problems, "Service learnhub/gateway", "spec.ports[0].port", "a 32-bit integer is required, found the string \"80\"");
            assertReported(problems, "Service learnhub/gateway", "spec.ports[0].targetPort",
                    "an integer or a string is required, found the boolean true");
            assertReported(problems, "Secret learnhub/db", "data[password]", "not base64");
            assertReported(problems, "Secret learnhub/db", "stringData[port]", "a string is required, found the number 5432");
            assertReported(problems, "KafkaTopic learnhub/payments", "metadata.labels[generation]",
                    "a string is required, found the number 3");
            assertReported(problems, "ConfigMap learnhub/x", "metadata.labels", "a map is required, found a list");
        }

        /** IntOrString, quantities as numbers, octal modes, quoted scalars, free-form fields: no false alarm. */
        @Test
        void scalarsTheApiServerAcceptsPass() {
            assertThat(KubernetesModel.problems(fixture("well-typed.yaml"))).isEmpty();
        }

        private static void assertReported(List<String> problems, String object, String path, String message) {
            assertThat(problems).as(object + " " + path + ": " + message)
                    .anyMatch(p -> p.startsWith(object + " (") && p.contains(": " + path + ": ") && p.contains(message));
        }

        @Test
        void unknownKindsAndMalformedCustomResourcesFail() {
            List<String> problems = KubernetesModel.problems(fixture("unknown-kinds.yaml"));
            assertThat(problems).anyMatch(p -> p.contains("Deploymnet") && p.contains("unknown built-in kind"));
            assertThat(problems).anyMatch(p -> p.contains("KafkaConnect") && p.contains("not in the allowed list"));
            assertThat(problems).anyMatch(p -> p.contains("Cluster learnhub/postgres") && p.contains("spec is required"));
            assertThat(problems).anyMatch(p -> p.contains("Cluster learnhub/postgres") && p.contains("[status]"));
            assertThat(problems).anyMatch(p -> p.contains("Cluster learnhub/postgres") && p.contains("`lables`"));
        }

        @Test
        void danglingReferencesAndEmptySelectorsFail() {
            List<K8sObject> objects = fixture("dangling-references.yaml");
            List<String> refs = KubernetesChecks.referenceProblems("dev", objects);
            assertThat(refs).anyMatch(p -> p.contains("ConfigMap learnhub/chat-config is not in the render"));
            assertThat(refs).anyMatch(p -> p.contains("Secret learnhub/db-password is neither"));
            assertThat(refs).anyMatch(p -> p.contains("has no key 'bootstrap'"));
            assertThat(refs).as("payment-webhook must be generated in dev")
                    .anyMatch(p -> p.contains("Secret learnhub/payment-webhook is neither"));
            assertThat(KubernetesChecks.referenceProblems("prod", objects)).as("but is external in prod")
                    .noneMatch(p -> p.contains("payment-webhook"));
            assertThat(refs).anyMatch(p -> p.contains("serviceAccountName chat-service"));
            assertThat(refs).anyMatch(p -> p.contains("scaleTargetRef Deployment learnhub/gateway"));
            assertThat(refs).anyMatch(p -> p.contains("Ingress learnhub/gateway: backend Service gateway"));
            assertThat(refs).anyMatch(p -> p.contains("KafkaTopic") && p.contains("names no Kafka"));

            List<String> selectors = KubernetesChecks.selectorProblems(objects);
            assertThat(selectors).anyMatch(p -> p.startsWith("Service learnhub/chat-service: selector"));
            assertThat(selectors).anyMatch(p -> p.startsWith("PodDisruptionBudget learnhub/report-service"));
            assertThat(selectors).anyMatch(p -> p.contains("does not match its own template labels"));
            assertThat(KubernetesChecks.namespaceProblems(objects)).anyMatch(p -> p.contains("ConfigMap default/stray"));
        }

        @Test
        void wrongProbesRootUserAndWritableRootFilesystemFail() {
            List<K8sObject> objects = fixture("bad-probes-and-security.yaml");
            List<String> probes = KubernetesChecks.probeProblems(objects);
            assertThat(probes).anyMatch(p -> p.contains("startupProbe: missing"));
            assertThat(probes).anyMatch(p -> p.contains("readinessProbe: path /health"));
            assertThat(probes).anyMatch(p -> p.contains("livenessProbe: port management"));
            List<String> security = KubernetesChecks.securityContextProblems(objects);
            assertThat(security).anyMatch(p -> p.contains("runAsNonRoot is not true"));
            assertThat(security).anyMatch(p -> p.contains("runAsUser is 0"));
            assertThat(security).anyMatch(p -> p.contains("readOnlyRootFilesystem is not true"));
            assertThat(unknownEnv(objects, Contracts.envVars())).containsValue(Set.of("PAYMENT_SECRET"));
        }

        @Test
        void aSecretOrConfigMapCarryingTheCommittedKeyFails() {
            String pem = Repo.read(CommittedKeys.FILES.get(0));
            String base64 = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
            List<K8sObject> objects = K8sObject.parseAll("""
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: jwt-public-key, namespace: learnhub}
                    data:
                      publicKey.pem: %s
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: jwt, namespace: learnhub}
                    data:
                      key: "%s"
                    ---
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: another-key, namespace: learnhub}
                    data:
                      publicKey.pem: %s
                    """.formatted(base64, pem.replace("\n", "\\n"),
                    Base64.getEncoder().encodeToString("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----\n"
                            .getBytes(StandardCharsets.UTF_8))));

            assertThat(CommittedKeys.problems(objects, CommittedKeys.ofRepo())).containsExactly(
                    "Secret learnhub/jwt-public-key carries the committed key infra/local/jwt/publicKey.pem",
                    "ConfigMap learnhub/jwt carries the committed key infra/local/jwt/publicKey.pem");
        }

        @Test
        void aKustomizationThatDoesNotBuildFailsWithKubectlsError() {
            Path broken = Repo.path("infra/deploy-checks/src/test/resources/fixtures/k8s/broken-kustomization");
            assertThatThrownBy(() -> Commands.kustomize(broken)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("missing.yaml");
        }
    }
}
