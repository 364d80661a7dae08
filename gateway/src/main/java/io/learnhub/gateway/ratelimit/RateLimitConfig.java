package io.learnhub.gateway.ratelimit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How rate limits are kept ({@code learnhub.gateway.rate-limit.*}); the limits themselves are
 * per route ({@code learnhub.gateway.routes.<route>.rate-limit.*}).
 */
@ConfigMapping(prefix = "learnhub.gateway.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /**
     * Longest wait for Redis' verdict. Past it, or when Redis fails, the request goes through
     * unlimited: a rate limiter that is down must not take the API down with it.
     */
    @WithDefault("100ms")
    Duration redisTimeout();

    /** Prefix of the bucket keys in Redis: {@code <prefix><route>:<caller>}. */
    @WithDefault("learnhub:gateway:rate:")
    String keyPrefix();
}
