package io.learnhub.gateway.ratelimit;

import java.time.Duration;

import io.learnhub.common.error.ApiException;
import io.learnhub.gateway.routing.GatewayRoute;

/** 429: the caller has used up its requests on this route for now; {@code Retry-After} says when to come back. */
public class RateLimitedException extends ApiException {

    private final Duration retryAfter;

    public RateLimitedException(GatewayRoute route, Duration retryAfter) {
        super(429, "rate_limited", "Too many requests on route " + route.routeName() + "; retry after "
                + RetryAfter.seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
