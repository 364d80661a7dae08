package io.learnhub.gateway.routing;

import io.learnhub.common.error.ApiException;

/** 504: the upstream did not accept the connection or answer within the configured timeouts. */
public class UpstreamTimeoutException extends ApiException {

    public UpstreamTimeoutException(Upstream upstream, Throwable cause) {
        super(504, "upstream_timeout", upstream.name() + " did not answer in time; quote the correlationId when reporting it");
        initCause(cause);
    }
}
