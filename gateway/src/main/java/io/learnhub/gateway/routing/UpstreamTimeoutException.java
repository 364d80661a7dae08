package io.learnhub.gateway.routing;

import io.learnhub.common.error.ApiException;

/** 504: the upstream did not accept the connection, or did not answer within the route's timeout. */
public class UpstreamTimeoutException extends ApiException {

    private final boolean neverSent;

    private UpstreamTimeoutException(Upstream upstream, boolean neverSent, Throwable cause) {
        super(504, "upstream_timeout", upstream.name() + " did not answer in time; quote the correlationId when reporting it");
        this.neverSent = neverSent;
        initCause(cause);
    }

    /** The TCP connection was not established in time: the upstream has not seen the request. */
    static UpstreamTimeoutException connecting(Upstream upstream, Throwable cause) {
        return new UpstreamTimeoutException(upstream, true, cause);
    }

    /** The request was sent (or may have been) and no complete answer came in time. */
    static UpstreamTimeoutException answering(Upstream upstream, Throwable cause) {
        return new UpstreamTimeoutException(upstream, false, cause);
    }

    public boolean neverSent() {
        return neverSent;
    }
}
