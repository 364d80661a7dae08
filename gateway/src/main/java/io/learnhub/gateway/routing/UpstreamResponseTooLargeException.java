package io.learnhub.gateway.routing;

import io.learnhub.common.error.ApiException;

/** 502: the upstream's response body is larger than the route relays; it was cut off. */
public class UpstreamResponseTooLargeException extends ApiException {

    public UpstreamResponseTooLargeException(Upstream upstream, long limit) {
        super(502, "upstream_response_too_large", upstream.name() + " answered with a body over " + limit
                + " bytes, more than this route relays; quote the correlationId when reporting it");
    }
}
