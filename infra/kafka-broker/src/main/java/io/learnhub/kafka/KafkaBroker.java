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
 * as a process through {@link #main(String[])}. Tests of a Kafka outage {@link #stop()} it and
 * {@link #restart()} it on the same address with the same data, as a restarted broker pod would be.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Properties properties;
    private final int port;
    private final Path logDir;
    private final boolean deleteLogDirOnClose;
    /** The running server; null while {@linkplain #stop() stopped}. A KafkaRaftServer cannot start twice. */
    private KafkaRaftServer server;
    private boolean closed;

    private KafkaBroker(Properties properties, int port, Path logDir, boolean deleteLogDirOnClose) {
        this.properties = properties;
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
            // the controller port is chosen once: a restart keeps the quorum's address as well
            Properties properties = brokerProperties(port, freePort(), logDir);
            format(properties, logDir);
            KafkaBroker broker = new KafkaBroker(properties, port, logDir, deleteLogDirOnClose);
            try {
                broker.launch();
            } catch (RuntimeException | Error e) {
                broker.close();
                throw e;
            }
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

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Shuts the broker down cleanly and keeps its log directory: topics, records, committed
     * consumer offsets and group metadata survive until {@link #restart()}. Clients see an
     * outage: connections refused on the same address. Does nothing if already stopped.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
    }

    /**
     * Starts a stopped broker again on the same ports and log directory, and waits until it
     * accepts clients; the clients of the outage reconnect to the address they already know.
     * Does nothing if it is running.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("The Kafka broker on " + bootstrapServers() + " is closed");
        }
        if (server == null) {
            launch();
        }
    }

    /** Stops the broker; a temporary log directory (from {@link #start()}) is deleted. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            stop();
        } finally {
            if (deleteLogDirOnClose) {
                deleteRecursively(logDir);
            }
        }
    }

    private void launch() {
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
        starting.startup();
        server = starting;
        awaitReady();
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
            stop();
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
