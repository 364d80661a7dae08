package io.learnhub.gateway.routing;

import java.time.Duration;

import io.learnhub.common.error.ApiException;

/**
 * 503: the upstream's circuit breaker is open after repeated transport failures, so the call was
 * not attempted; the caller may retry after the breaker's delay.
 */
public class UpstreamCircuitOpenException extends ApiException {

    private final Duration retryAfter;

    public UpstreamCircuitOpenException(Upstream upstream, Duration retryAfter, Throwable cause) {
        super(503, "upstream_circuit_open", upstream.name() + " is failing and is not called for a while; retry later");
        this.retryAfter = retryAfter;
        initCause(cause);
    }

    /** The breaker's delay: by then it lets a trial call through. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
