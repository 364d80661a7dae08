package io.learnhub.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** infra/docker-compose.yml parses and references only defined services, files, ports and contract env vars. */
class ComposeFileTest {

    private static ComposeChecks compose() {
        return ComposeChecks.ofRepo();
    }

    @Test
    void definesEveryConventionService() {
        assertThat(compose().missingConventionServices()).isEmpty();
    }

    @Test
    void dependsOnNamesDefinedServices() {
        assertThat(compose().dependsOnProblems()).isEmpty();
    }

    @Test
    void bindMountSourcesAndConfigFilesExistInTheRepository() {
        assertThat(compose().mountProblems()).isEmpty();
    }

    @Test
    void publishedHostPortsAreUnique() {
        assertThat(compose().portProblems()).isEmpty();
    }

    @Test
    void learnHubServiceEnvVarsAreDefinedInTheContracts() {
        assertThat(compose().unknownLearnHubEnv(Contracts.envVars())).as("env vars not in docs/contracts.md").isEmpty();
    }

    @Test
    void hostPortsInEnvironmentValuesNameDefinedServicesAndTheirPorts() {
        assertThat(compose().environmentEndpointProblems()).isEmpty();
    }

    @Test
    void learnHubServicesRunTheirJibImages() {
        assertThat(compose().imageProblems()).isEmpty();
    }

    /** A `--config` path on a service's command line is a mounted file (or lies under a mounted directory). */
    @Test
    void configFlagsPointAtMountedFiles() {
        assertThat(configFlagProblems(compose())).isEmpty();
    }

    static List<String> configFlagProblems(ComposeChecks compose) {
        List<String> problems = new ArrayList<>();
        compose.services().keySet().forEach(service -> {
            Object command = Yamls.at(compose.service(service), "command");
            List<String> args = new ArrayList<>();
            if (command instanceof List) {
                Yamls.list(command).forEach(a -> args.add(String.valueOf(a)));
            } else if (command != null) {
                args.addAll(List.of(String.valueOf(command).split("\\s+")));
            }
            List<String> targets = mountTargets(compose, service);
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String path = null;
                if (arg.matches("--?config(\\.file)?=.*")) {
                    path = arg.substring(arg.indexOf('=') + 1);
                } else if (arg.matches("--?config(\\.file)?") && i + 1 < args.size()) {
                    path = args.get(i + 1);
                }
                if (path != null && path.startsWith("/")) {
                    String p = path.replaceFirst("^file:", "");
                    if (targets.stream().noneMatch(t -> p.equals(t) || p.startsWith(t.endsWith("/") ? t : t + "/"))) {
                        problems.add("service " + service + ": " + arg + " names " + p + ", which no volume mounts " + targets);
                    }
                }
            }
        });
        return problems;
    }

    static List<String> mountTargets(ComposeChecks compose, String service) {
        List<String> targets = new ArrayList<>();
        for (Object volume : Yamls.list(Yamls.at(compose.service(service), "volumes"))) {
            if (volume instanceof Map<?, ?> longSyntax) {
                targets.add(String.valueOf(longSyntax.get("target")));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                targets.add(parts.length >= 2 ? parts[1] : parts[0]);
            }
        }
        return targets;
    }

    @Nested
    class CatchesMistakes {

        private final ComposeChecks bad = new ComposeChecks(
                Yamls.loadMap(Repo.resource("fixtures/compose/bad-compose.yml")), Repo.path("infra"));

        @Test
        void missingServicesDanglingDependsOnAndHealthlessHealthyDependency() {
            assertThat(bad.missingConventionServices()).contains("service 'jaeger' is missing (conventions)");
            assertThat(bad.dependsOnProblems()).containsExactlyInAnyOrder(
                    "service gateway: depends_on 'chat' is not a defined service",
                    "service report-service: depends_on 'postgresql' is not a defined service",
                    "service chat-service: depends_on kafka service_healthy, but kafka has no healthcheck");
        }

        @Test
        void missingBindSourceAndUndeclaredNamedVolume() {
            assertThat(bad.mountProblems()).anyMatch(p -> p.contains("./otel-collector/does-not-exist.yaml' does not exist"))
                    .anyMatch(p -> p.contains("named volume 'pgdata' is not declared"))
                    .anyMatch(p -> p.contains("points outside the repository"));
        }

        @Test
        void duplicatePublishedPort() {
            assertThat(bad.portProblems()).containsExactly("host port 8080/tcp is published by both grafana and gateway");
        }

        @Test
        void envVarOutsideTheContracts() {
            assertThat(bad.unknownLearnHubEnv(Contracts.envVars()))
                    .isEqualTo(Map.of("report-service", Set.of("DATABASE_URL")));
        }

        @Test
        void endpointsToUndefinedServicesOrWrongPorts() {
            assertThat(bad.environmentEndpointProblems())
                    .anyMatch(p -> p.contains("GATEWAY_UPSTREAM_CHAT") && p.contains("'chat:8081' names no compose service"))
                    .anyMatch(p -> p.contains("KAFKA_BOOTSTRAP_SERVERS") && p.contains("'kafka:9093' but kafka listens on"));
        }

        @Test
        void wrongImageAndConfigFlagOutsideMounts() {
            assertThat(bad.imageProblems()).anyMatch(p -> p.contains("service gateway: image 'learnhub-gateway:latest'"));
            assertThat(configFlagProblems(bad)).anyMatch(p -> p.contains("/etc/otelcol/other.yaml"));
        }
    }
}
