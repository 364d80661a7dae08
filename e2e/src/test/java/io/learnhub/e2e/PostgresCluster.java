package io.learnhub.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test run's own (the newest server installed under
 * {@code /usr/lib/postgresql}, as Debian lays them out): {@code initdb} into a temporary directory, a free
 * port on 127.0.0.1, trust authentication, no fsync. A test can stop it (as a crash or a failover
 * would) and start it again with its data, without touching the machine's shared server.
 *
 * <p>PostgreSQL refuses to run as root: when the tests do (CI does), {@code initdb} and
 * {@code pg_ctl} run as the {@code postgres} OS user, in a directory it owns.
 */
final class PostgresCluster implements AutoCloseable {

    private static final Path BIN = serverBinaries();
    private static final String SUPERUSER = "postgres";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path directory;
    private final Path data;
    private final Path log;
    private final int port;
    private boolean running;

    private PostgresCluster(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.log = directory.resolve("postgres.log");
        this.port = port;
    }

    /** Creates the cluster, starts it and creates {@code database} in it. */
    static PostgresCluster start(String database) {
        PostgresCluster cluster;
        try {
            cluster = new PostgresCluster(Files.createTempDirectory("e2e-postgres"), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for PostgreSQL", e);
        }
        try {
            if (ROOT) {
                cluster.run(List.of("chown", SUPERUSER + ":", cluster.directory.toString()));
            }
            cluster.run(List.of(BIN.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", SUPERUSER,
                    "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"), ROOT);
            // loopback only, its socket in its own directory; durability is not what a test run needs
            Files.writeString(cluster.data.resolve("postgresql.conf"), String.join("\n", "",
                    "port = " + cluster.port,
                    "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = '" + cluster.directory + "'",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    "shared_buffers = 32MB",
                    "max_connections = 50", ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            cluster.start();
            try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl("postgres"), SUPERUSER, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            return cluster;
        } catch (IOException | SQLException | RuntimeException e) {
            cluster.close();
            throw new IllegalStateException("Cannot set up a PostgreSQL cluster in " + cluster.directory, e);
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Path serverBinaries() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .filter(bin -> bin.getParent().getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL server (initdb) under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL server under /usr/lib/postgresql", e);
        }
    }

    synchronized boolean isRunning() {
        return running;
    }

    /** Starts the server on its port with the data it had; returns once it accepts connections. */
    synchronized void start() {
        pgCtl("start", "-l", log.toString(), "-t", "60");
        running = true;
    }

    /**
     * Stops the server at once, as a crash would ({@code -m immediate}: no checkpoint, clients cut
     * off); the next {@link #start()} recovers from the WAL.
     */
    synchronized void crash() {
        pgCtl("stop", "-m", "immediate");
        running = false;
    }

    /** Stops the server (if running) and deletes its directory. */
    @Override
    public synchronized void close() {
        try {
            if (running) {
                pgCtl("stop", "-m", "fast");
                running = false;
            }
        } finally {
            delete(directory);
        }
    }

    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), action, "-D", data.toString(), "-w"));
        command.addAll(List.of(options));
        run(command, ROOT);
    }

    private void run(List<String> command) {
        run(command, false);
    }

    private void run(List<String> command, boolean asSuperuser) {
        List<String> full = new ArrayList<>();
        if (asSuperuser) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + full, e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n" + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("[e2e] cannot delete " + directory + ": " + e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
