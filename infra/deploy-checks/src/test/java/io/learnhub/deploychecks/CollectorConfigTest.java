package io.learnhub.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * infra/otel-collector/collector.yaml and the Jaeger v2 configs: pipelines reference only defined
 * components, every component is used, connectors join two pipelines, and the environment
 * variables they use are set by compose and by the k8s Deployments.
 */
class CollectorConfigTest {

    private static final String COLLECTOR = "infra/otel-collector/collector.yaml";

    @Test
    void collectorPipelinesReferenceOnlyDefinedComponentsAndUseThemAll() {
        assertThat(new CollectorChecks(Yamls.loadMap(Repo.read(COLLECTOR)), CollectorChecks.CONTRIB_TYPES).problems()).isEmpty();
    }

    @Test
    void tailSamplingPoliciesAreWellFormed() {
        assertThat(new CollectorChecks(Yamls.loadMap(Repo.read(COLLECTOR)), CollectorChecks.CONTRIB_TYPES).tailSamplingProblems())
                .isEmpty();
    }

    @Test
    void collectorEnvVarsAreSetByTheComposeService() {
        Set<String> missing = new TreeSet<>(CollectorChecks.envVars(Repo.read(COLLECTOR)));
        missing.removeAll(ComposeChecks.ofRepo().environment("otel-collector").keySet());
        assertThat(missing).as("${env:…} of " + COLLECTOR + " not set by compose service otel-collector").isEmpty();
    }

    /**
     * Each render deploys infra/otel-collector/collector.yaml verbatim (a ConfigMap value equal to
     * the file), and every workload mounting that ConfigMap sets the env vars the config uses.
     */
    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void collectorConfigIsDeployedVerbatimWithItsEnvVarsInK8s(String dir) {
        List<K8sObject> objects = K8sRenders.render(dir);
        String config = Repo.read(COLLECTOR);
        Map<String, Set<String>> workloads = DeployedConfigs.workloadsMounting(objects, config);
        assertThat(workloads).as(dir + ": a workload mounting a ConfigMap that holds " + COLLECTOR + " byte for byte").isNotEmpty();
        assertThat(DeployedConfigs.missingEnv(workloads, CollectorChecks.envVars(config)))
                .as(dir + ": ${env:…} of the collector config not set on the workload").isEmpty();
    }

    /** Prod deploys infra/jaeger/jaeger-prod.yaml verbatim, base/dev one of infra/jaeger/*.yaml; their env vars are set. */
    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void jaegerConfigIsDeployedVerbatimWithItsEnvVarsInK8s(String dir) throws IOException {
        List<K8sObject> objects = K8sRenders.render(dir);
        Map<String, Map<String, Set<String>>> deployed = new TreeMap<>();
        for (Path file : jaegerConfigs()) {
            String config = Repo.read(file);
            Map<String, Set<String>> workloads = DeployedConfigs.workloadsMounting(objects, config);
            if (!workloads.isEmpty()) {
                deployed.put(file.getFileName().toString(), workloads);
                assertThat(DeployedConfigs.missingEnv(workloads, CollectorChecks.envVars(config)))
                        .as(dir + ": ${env:…} of " + file.getFileName() + " not set on the workload").isEmpty();
            }
        }
        if (dir.endsWith("prod")) {
            assertThat(deployed).as(dir + " deploys infra/jaeger/jaeger-prod.yaml byte for byte").containsKey("jaeger-prod.yaml");
        } else {
            assertThat(deployed).as(dir + " deploys one of infra/jaeger/*.yaml byte for byte").isNotEmpty();
        }
    }

    @Test
    void jaegerConfigsReferenceOnlyDefinedComponentsAndUseThemAll() throws IOException {
        List<Path> configs = jaegerConfigs();
        assertThat(configs).as("infra/jaeger/*.yaml").isNotEmpty();
        for (Path config : configs) {
            CollectorChecks checks = new CollectorChecks(Yamls.loadMap(Repo.read(config)), CollectorChecks.JAEGER_TYPES);
            assertThat(checks.problems()).as(Repo.ROOT.relativize(config).toString()).isEmpty();
            assertThat(checks.jaegerStorageProblems()).as(Repo.ROOT.relativize(config).toString()).isEmpty();
        }
    }

    /** The Jaeger config compose mounts gets its ${env:…} from the compose jaeger service. */
    @Test
    void jaegerEnvVarsAreSetByTheComposeService() throws IOException {
        ComposeChecks compose = ComposeChecks.ofRepo();
        for (Path config : jaegerConfigs()) {
            boolean mounted = Yamls.list(Yamls.at(compose.service("jaeger"), "volumes")).stream()
                    .anyMatch(v -> String.valueOf(v).contains(config.getFileName().toString()));
            if (mounted) {
                Set<String> missing = new TreeSet<>(CollectorChecks.envVars(Repo.read(config)));
                missing.removeAll(compose.environment("jaeger").keySet());
                assertThat(missing).as("${env:…} of " + config.getFileName() + " not set by compose service jaeger").isEmpty();
            }
        }
    }

    private static List<Path> jaegerConfigs() throws IOException {
        try (Stream<Path> files = Files.list(Repo.path("infra/jaeger"))) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Nested
    class CatchesMistakes {

        @Test
        void undefinedUnusedAndMiswiredComponentsFail() {
            String text = Repo.resource("fixtures/collector/bad-collector.yaml");
            List<String> problems = new CollectorChecks(Yamls.loadMap(text), CollectorChecks.CONTRIB_TYPES).problems();
            assertThat(problems).containsExactlyInAnyOrder(
                    "pipeline traces: processor 'redaction' is not defined under processors",
                    "pipeline traces: memory_limiter must be the first processor (it is #2)",
                    "pipeline metrics: receiver 'spanmetric' is not defined under receivers (or connectors)",
                    "exporter 'debug' is defined but used by no pipeline",
                    "processor 'tail_sampling' is defined but used by no pipeline",
                    "connector 'spanmetrics' must be an exporter of one pipeline and a receiver of another (exporter in [traces], receiver in [])",
                    "service.extensions names 'pprof', which is not defined under extensions",
                    "extension 'health_check' is defined but not enabled in service.extensions",
                    "exporters: unknown component type 'logging' (id 'logging'); known: " + new TreeSet<>(CollectorChecks.CONTRIB_TYPES.get("exporters")),
                    "exporter 'logging' is defined but used by no pipeline");
        }

        @Test
        void malformedTailSamplingPoliciesFail() {
            CollectorChecks checks = new CollectorChecks(Yamls.loadMap(Repo.resource("fixtures/collector/bad-tail-sampling.yaml")),
                    CollectorChecks.CONTRIB_TYPES);
            assertThat(checks.tailSamplingProblems()).containsExactlyInAnyOrder(
                    "tail_sampling policy 'errors': status code 'FAILED' is not OK, ERROR or UNSET",
                    "tail_sampling policy 'slow': type latency needs its settings under 'latency:'",
                    "tail_sampling policy 'slow': keys [latancy] do not belong to a latency policy",
                    "tail_sampling policy 'webhook': unknown type 'string_attributes'",
                    "tail_sampling policy 'both' policy 'inner': keys [probabilistic] do not belong to a always_sample policy");
        }

        @Test
        void jaegerStorageNamesThatAreNoBackendFail() {
            CollectorChecks checks = new CollectorChecks(Yamls.loadMap(Repo.resource("fixtures/collector/bad-jaeger.yaml")),
                    CollectorChecks.JAEGER_TYPES);
            assertThat(checks.jaegerStorageProblems()).containsExactlyInAnyOrder(
                    "jaeger_query.storage.traces_archive: 'es_archive' is not a jaeger_storage backend [es_main]",
                    "jaeger_storage_exporter.trace_storage: 'badger_main' is not a jaeger_storage backend [es_main]");
            assertThat(checks.problems()).containsExactly(
                    "extensions: unknown component type 'jaeger_qeury' (id 'jaeger_qeury'); known: "
                            + new TreeSet<>(CollectorChecks.JAEGER_TYPES.get("extensions")));
        }

        @Test
        void aCollectorConfigMountedWithoutItsEnvVarsIsReported() {
            List<K8sObject> objects = K8sObject.parseAll(Repo.resource("fixtures/k8s/collector-without-env.yaml"));
            String config = Repo.resource("fixtures/collector/bad-collector.yaml");
            // as configMapGenerator would: the file's bytes become the ConfigMap value
            Yamls.map(objects.get(0).raw().get("data")).put("collector.yaml", config);
            Map<String, Set<String>> workloads = DeployedConfigs.workloadsMounting(objects, config);
            assertThat(workloads).containsOnlyKeys("Deployment learnhub-observability/otel-collector");
            assertThat(DeployedConfigs.missingEnv(workloads, CollectorChecks.envVars(config))).isEqualTo(
                    Map.of("Deployment learnhub-observability/otel-collector", Set.of("JAEGER_OTLP_ENDPOINT", "TAIL_SAMPLING_PERCENTAGE")));
        }

        @Test
        void envVarsAreFoundInEveryForm() {
            assertThat(CollectorChecks.envVars(Repo.resource("fixtures/collector/bad-collector.yaml")))
                    .containsExactly("JAEGER_OTLP_ENDPOINT", "OTEL_MEMORY_LIMIT_MIB", "TAIL_SAMPLING_PERCENTAGE");
        }
    }
}
