package io.learnhub.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One service running from its packaged fast-jar in a child JVM, in the prod profile, with its
 * output in a log file: the way it runs in a container, minus the container.
 */
final class ServiceProcess implements AutoCloseable {

    /** Small heap and serial GC: four services, Kafka and Maven share two cores here. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx160m", "-XX:+UseSerialGC",
            // C1 only: a test run is mostly startup, where C2 compilation costs more than it returns
            "-XX:TieredStopAtLevel=1");

    /** Inherited variables that could reconfigure a service behind the test's back. */
    private static final List<String> FOREIGN_ENV_PREFIXES = List.of("QUARKUS_", "DB_", "KAFKA_", "JWT_",
            "GATEWAY_", "PAYMENT_", "LEARNHUB_", "WEB_", "MP_", "SMALLRYE_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    /** How it was started: the same command, environment and log file start it again. */
    private final ProcessBuilder builder;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, ProcessBuilder builder, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.builder = builder;
        this.process = process;
    }

    static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The " + name + " jar " + jar + " does not exist: package the services first"
                    + " (`mvn verify` at the repository root builds them before this module)");
        }
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                // the module directory, as when a developer runs `java -jar target/quarkus-app/quarkus-run.jar`
                .directory(jar.getParent().getParent().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> FOREIGN_ENV_PREFIXES.stream().anyMatch(key::startsWith));
        builder.environment().put("QUARKUS_PROFILE", "prod");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(logDir);
            Files.writeString(log, "");
            return new ServiceProcess(name, port, log, builder, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /**
     * Kills the process at once, as {@code kill -9} does (on Linux, {@link Process#destroyForcibly}
     * sends SIGKILL): no shutdown hook runs, nothing is flushed or closed cleanly. Waits for it to exit.
     */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not exit within 10 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The same service started again, after this process has exited: same jar, port and
     * environment; its output appended to the same log, after a line marking the restart.
     */
    ServiceProcess startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        try {
            Files.writeString(log, "%n----- [e2e] %s restarted at %s (the previous process exited with %d) -----%n"
                    .formatted(name, Instant.now(), process.exitValue()), StandardOpenOption.APPEND);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new ServiceProcess(name, port, log, builder, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " again", e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String url() {
        return url(port);
    }

    /** The base URL of the service that listens on {@code port}, known before it starts: its origin for browsers too. */
    static String url(int port) {
        return "http://localhost:" + port;
    }

    Path log() {
        return log;
    }

    /** Waits for {@code /q/health/ready} to answer 200; fails at once if the process exits. */
    void awaitReady(Instant deadline) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        Duration timeout = Duration.between(Instant.now(), deadline);
        try {
            Awaitility.await(name + " ready")
                    .atMost(timeout.isNegative() ? Duration.ofMillis(1) : timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with code " + process.exitValue()
                                    + " before it was ready; log " + log + ":\n" + tail(80));
                        }
                        try {
                            return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException notListeningYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " was not ready (GET " + ready.uri() + " != 200) within the startup"
                    + " deadline; log " + log + ":\n" + tail(80), e);
        }
    }

    String tail(int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
