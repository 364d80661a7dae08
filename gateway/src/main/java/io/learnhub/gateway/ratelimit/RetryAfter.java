package io.learnhub.gateway.ratelimit;

import java.time.Duration;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.learnhub.common.error.ApiException;
import io.learnhub.common.error.ErrorResponses;
import io.learnhub.gateway.routing.UpstreamCircuitOpenException;

/**
 * Answers the gateway's "come back later" errors, {@link RateLimitedException} (429) and
 * {@link UpstreamCircuitOpenException} (503), with the common error body and a {@code Retry-After}
 * header.
 */
public class RetryAfter {

    public static final String HEADER = "Retry-After";

    /** Whole seconds, rounded up: Retry-After has no fractions, and 0 would invite an immediate retry. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException exception) {
        return withRetryAfter(exception, exception.retryAfter());
    }

    @ServerExceptionMapper
    public Response circuitOpen(UpstreamCircuitOpenException exception) {
        return withRetryAfter(exception, exception.retryAfter());
    }

    private static Response withRetryAfter(ApiException exception, Duration wait) {
        return Response.fromResponse(ErrorResponses.of(exception.status(), exception.error(), exception.getMessage()))
                .header(HEADER, seconds(wait))
                .build();
    }
}
