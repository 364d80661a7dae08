package io.learnhub.report.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.report.tracing.ReportSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ExpireArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;

/**
 * Short-lived Redis cache of stats responses. One hash per teacher holds one field per
 * {@code weeks} value, so a change of the teacher's stats evicts all of them with one DEL. The
 * cache is an optimisation only: when Redis fails, reads count as misses and writes are dropped.
 */
@ApplicationScoped
public class StatsCache {

    private static final Logger LOG = Logger.getLogger(StatsCache.class);
    /** Prefixed with the service name: Redis is shared with the other services. */
    private static final String KEY_PREFIX = "report-service:stats:";
    private static final TypeReference<List<WeeklyStats>> STATS = new TypeReference<>() {
    };

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveKeyCommands<String> keys;
    private final ObjectMapper json;
    private final Duration ttl;

    StatsCache(ReactiveRedisDataSource redis, ObjectMapper json,
            @ConfigProperty(name = "learnhub.report.stats-cache.ttl") Duration ttl) {
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.keys = redis.key(String.class);
        this.json = json;
        this.ttl = ttl;
    }

    /** The cached stats of the teacher for that many weeks, if any. */
    @WithSpan(ReportSpans.READ_STATS_CACHE)
    public Uni<Optional<List<WeeklyStats>>> read(String teacherId, int weeks) {
        Span span = Span.current().setAttribute(SharedSpans.TEACHER_ID, teacherId);
        return hashes.hget(key(teacherId), field(weeks))
                .map(cached -> Optional.ofNullable(cached).map(this::decode))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Stats cache read failed for teacher %s; reading the database", teacherId);
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, "stats cache read failed");
                    return Optional.empty();
                })
                .invoke(cached -> span.setAttribute(SharedSpans.CACHE_HIT, cached.isPresent()));
    }

    /** Caches the stats; the teacher's entries expire together, at most one TTL after the first was written. */
    public Uni<Void> write(String teacherId, int weeks, List<WeeklyStats> stats) {
        String key = key(teacherId);
        return Uni.createFrom().item(() -> encode(stats))
                .flatMap(value -> hashes.hset(key, field(weeks), value))
                .flatMap(ignored -> keys.expire(key, ttl, new ExpireArgs().nx()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "Stats cache write failed for teacher %s", teacherId);
                    return null;
                });
    }

    /** Drops every cached response of the teacher; called after their stats changed. */
    public Uni<Void> evict(String teacherId) {
        return keys.del(key(teacherId))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    // the TTL bounds how long a stale response can still be served
                    LOG.warnf(failure, "Stats cache eviction failed for teacher %s", teacherId);
                    return null;
                });
    }

    private static String key(String teacherId) {
        return KEY_PREFIX + teacherId;
    }

    private static String field(int weeks) {
        return "weeks:" + weeks;
    }

    private String encode(List<WeeklyStats> stats) {
        try {
            return json.writeValueAsString(stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<WeeklyStats> decode(String cached) {
        try {
            return json.readValue(cached, STATS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
