package io.learnhub.gateway.routing;

import io.learnhub.common.error.ApiException;

/** 502: the upstream refused the connection, could not be resolved, or dropped it mid-call. */
public class UpstreamUnavailableException extends ApiException {

    private final boolean neverSent;

    private UpstreamUnavailableException(Upstream upstream, boolean neverSent, Throwable cause) {
        super(502, "upstream_unavailable", upstream.name() + " is unavailable; quote the correlationId when reporting it");
        this.neverSent = neverSent;
        initCause(cause);
    }

    /** No connection could be made: the upstream has not seen the request. */
    public static UpstreamUnavailableException connectionFailed(Upstream upstream, Throwable cause) {
        return new UpstreamUnavailableException(upstream, true, cause);
    }

    /** The connection broke once the request was on its way: the upstream may have acted on it. */
    static UpstreamUnavailableException connectionLost(Upstream upstream, Throwable cause) {
        return new UpstreamUnavailableException(upstream, false, cause);
    }

    /** True when the request certainly did not reach the upstream, so sending it again is safe. */
    public boolean neverSent() {
        return neverSent;
    }
}
