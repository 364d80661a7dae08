package io.learnhub.common.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script from the classpath, run by its SHA-1 (EVALSHA): the script's text crosses the
 * network only when Redis does not know it yet (a new or flushed server answers NOSCRIPT, and the
 * script is sent once with EVAL). One round trip and one Redis span per run.
 */
public final class LuaScript {

    private final String resource;
    private final String script;
    private final String sha;

    private LuaScript(String resource, String script) {
        this.resource = resource;
        this.script = script;
        this.sha = sha1(script);
    }

    /** The script at this classpath path (absolute, e.g. {@code /presence/online-among.lua}). */
    public static LuaScript fromClasspath(String resource) {
        try (InputStream text = LuaScript.class.getResourceAsStream(resource)) {
            if (text == null) {
                throw new IllegalStateException("Missing " + resource + " on the classpath");
            }
            return new LuaScript(resource, new String(text.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Runs the script with these KEYS and ARGV. */
    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> arguments) {
        return redis.execute("EVALSHA", command(sha, keys, arguments))
                .onFailure(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", command(script, keys, arguments)));
    }

    private static String[] command(String scriptOrSha, List<String> keys, List<String> arguments) {
        List<String> command = new ArrayList<>(keys.size() + arguments.size() + 2);
        command.add(scriptOrSha);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(arguments);
        return command.toArray(String[]::new);
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return resource + " (" + sha + ")";
    }
}
