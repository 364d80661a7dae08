package io.learnhub.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real, single-node Apache Kafka broker in KRaft mode (broker and controller in one node),
 * started from the Maven Central artifacts, no Docker. Tests start it in their own JVM (its
 * version must then equal the kafka-clients version of the Quarkus BOM); the local run starts it
 * as a process through {@link #main(String[])}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final boolean deleteLogDirOnClose;

    private KafkaBroker(KafkaRaftServer server, int port, Path logDir, boolean deleteLogDirOnClose) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
    }

    /** A broker on free ports with a temporary log directory, deleted on {@link #close()}. */
    public static KafkaBroker start() {
        try {
            return start(freePort(), Files.createTempDirectory("kafka-broker-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker on the given port keeping its data in {@code logDir} (formatted if new). */
    public static KafkaBroker start(int port, Path logDir) {
        return start(port, logDir, false);
    }

    private static KafkaBroker start(int port, Path logDir, boolean deleteLogDirOnClose) {
        try {
            Files.createDirectories(logDir);
            Properties properties = brokerProperties(port, freePort(), logDir);
            format(properties, logDir);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker(server, port, logDir, deleteLogDirOnClose);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteLogDirOnClose) {
            deleteRecursively(logDir);
        }
    }

    static Properties brokerProperties(int port, int controllerPort, Path logDir) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("log.dirs", logDir.toAbsolutePath().toString());
        // one node: every internal topic has a single replica
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "5");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        // consumers join immediately instead of waiting for more members
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("num.partitions", "1");
        properties.put("auto.create.topics.enable", "true");
        return properties;
    }

    private static void format(Properties properties, Path logDir) throws IOException {
        Path config = logDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            properties.store(writer, "written by io.learnhub.kafka.KafkaBroker");
        }
        String[] arguments = { "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted" };
        int exitCode = StorageTool.execute(arguments, new PrintStream(OutputStream.nullOutputStream()));
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory " + logDir + " failed with exit code " + exitCode);
        }
    }

    private void awaitReady() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("The Kafka broker on " + bootstrapServers() + " did not become ready", e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a left-over temporary directory is not worth failing a test run for
        }
    }

    /**
     * Runs a broker as a process until it is killed: {@code --port 9092 --log-dir DIR}. Prints
     * {@code Kafka broker ready on localhost:PORT} once it accepts connections.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 9092;
        Path logDir = Path.of("kafka-data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--log-dir" -> logDir = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: KafkaBroker [--port 9092] [--log-dir DIR]");
                    System.exit(2);
                }
            }
        }
        KafkaBroker broker = start(port, logDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers());
        stopped.await();
    }
}
