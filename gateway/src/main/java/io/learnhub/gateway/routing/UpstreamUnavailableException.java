package io.learnhub.gateway.routing;

import io.learnhub.common.error.ApiException;

/** 502: the upstream refused the connection, could not be resolved, or dropped it mid-call. */
public class UpstreamUnavailableException extends ApiException {

    public UpstreamUnavailableException(Upstream upstream, Throwable cause) {
        super(502, "upstream_unavailable", upstream.name() + " is unavailable; quote the correlationId when reporting it");
        initCause(cause);
    }
}
