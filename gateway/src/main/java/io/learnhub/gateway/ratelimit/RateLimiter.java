package io.learnhub.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.common.redis.LuaScript;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.gateway.routing.GatewayRoute;
import io.learnhub.gateway.routing.RouteConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Rate limits per caller and route: a token bucket in Redis, taken from by one Lua script, so
 * every gateway replica shares the same buckets and a check is one atomic round trip.
 *
 * <p>A limited request fails with {@link RateLimitedException} (429, {@code Retry-After}); the
 * server span gets the event {@value #RATE_LIMITED_EVENT} and {@code error.type=rate_limited}, and
 * {@code learnhub_gateway_rate_limited_total{route}} counts it. When Redis does not answer in
 * {@code redis-timeout}, or fails, the request goes through (fail-open):
 * {@code learnhub_gateway_rate_limit_unchecked_total{route}} counts those, and the outage is
 * logged once when it starts and once when it ends.
 */
@ApplicationScoped
@Startup // its metrics exist, at 0, from the start
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    static final String RATE_LIMITED_EVENT = "rate_limited";
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("gateway.route");
    static final AttributeKey<Long> RETRY_AFTER_MS = AttributeKey.longKey("retry_after_ms");

    private static final LuaScript TOKEN_BUCKET = LuaScript.fromClasspath("/ratelimit/token-bucket.lua");

    private final ReactiveRedisDataSource redis;
    private final RateLimitConfig config;
    private final RouteConfig routes;
    private final Map<GatewayRoute, Counter> limited = new ConcurrentHashMap<>();
    private final Map<GatewayRoute, Counter> unchecked = new ConcurrentHashMap<>();
    private final AtomicBoolean redisDown = new AtomicBoolean();

    RateLimiter(ReactiveRedisDataSource redis, RateLimitConfig config, RouteConfig routes, MeterRegistry registry) {
        this.redis = redis;
        this.config = config;
        this.routes = routes;
        for (GatewayRoute route : GatewayRoute.values()) {
            limited.put(route, Counter.builder("learnhub.gateway.rate.limited")
                    .description("Requests answered 429 because the caller exceeded the route's rate limit")
                    .tag("route", route.routeName()).register(registry));
            unchecked.put(route, Counter.builder("learnhub.gateway.rate.limit.unchecked")
                    .description("Requests let through without a rate limit check because Redis did not answer (fail-open)")
                    .tag("route", route.routeName()).register(registry));
        }
    }

    /**
     * Takes one request from the caller's bucket for the route.
     *
     * @param caller who the limit applies to: {@code user:<sub>} or {@code address:<client ip>}
     * @return a Uni that completes when the request may go on, or fails with {@link RateLimitedException}
     */
    public Uni<Void> admit(GatewayRoute route, String caller) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        Span serverSpan = Span.current();
        RouteConfig.RateLimit limit = routes.of(route).rateLimit();
        String key = config.keyPrefix() + route.routeName() + ":" + caller;
        return takeToken(key, limit)
                .ifNoItem().after(config.redisTimeout()).fail()
                .onItemOrFailure().transformToUni((verdict, failure) -> {
                    if (failure != null) {
                        failOpen(route, failure);
                        return Uni.createFrom().voidItem();
                    }
                    redisBack();
                    if (verdict.get(0).toLong() == 1) {
                        return Uni.createFrom().voidItem();
                    }
                    Duration retryAfter = Duration.ofMillis(verdict.get(2).toLong());
                    RateLimitedException limitedRequest = new RateLimitedException(route, retryAfter);
                    limited.get(route).increment();
                    serverSpan.setAttribute(SharedSpans.ERROR_TYPE, limitedRequest.error());
                    serverSpan.addEvent(RATE_LIMITED_EVENT, Attributes.of(ROUTE, route.routeName(), RETRY_AFTER_MS, retryAfter.toMillis()));
                    return Uni.createFrom().failure(limitedRequest);
                });
    }

    private Uni<Response> takeToken(String key, RouteConfig.RateLimit limit) {
        return TOKEN_BUCKET.run(redis, List.of(key), List.of(Integer.toString(limit.burst()), Double.toString(limit.perSecond())));
    }

    private void failOpen(GatewayRoute route, Throwable failure) {
        unchecked.get(route).increment();
        if (redisDown.compareAndSet(false, true)) {
            LOG.warnf("Rate limits are not enforced: Redis did not answer (%s). Requests go through unlimited until it is back",
                    failure.getClass().getName());
        }
    }

    private void redisBack() {
        if (redisDown.compareAndSet(true, false)) {
            LOG.info("Rate limits are enforced again: Redis answers");
        }
    }
}
