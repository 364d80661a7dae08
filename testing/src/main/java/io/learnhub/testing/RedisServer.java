package io.learnhub.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A Redis server of the test's own ({@code redis-server} on a free port, nothing persisted), so
 * that a test can stop and restart it, or cut its clients off, without touching the machine's
 * shared Redis.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path directory;
    private Process process;

    private RedisServer(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    public static RedisServer start() {
        try {
            RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("redis-test"));
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, for {@code quarkus.redis.hosts}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Whether the server process is alive: false after {@link #kill()}, true again after {@link #restart()}. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server (SIGKILL): clients see their connections drop. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !answers());
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        try {
            startProcess();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot restart redis-server", e);
        }
    }

    /** Runs a redis-cli command against this server, e.g. {@code CLIENT KILL TYPE pubsub}; returns its output. */
    public String cli(String... command) {
        String[] full = new String[command.length + 3];
        full[0] = "redis-cli";
        full[1] = "-p";
        full[2] = Integer.toString(port);
        System.arraycopy(command, 0, full, 3, command.length);
        try {
            Process cli = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes()).strip();
            cli.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void startProcess() throws IOException {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::answers);
    }

    private boolean answers() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
