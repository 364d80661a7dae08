package io.learnhub.gateway.routing;

import io.learnhub.common.error.ApiException;
import io.quarkus.runtime.configuration.MemorySize;

/** 413: the request body is larger than the route accepts; it is not forwarded. */
public class PayloadTooLargeException extends ApiException {

    public PayloadTooLargeException(GatewayRoute route, MemorySize limit) {
        super(413, "payload_too_large", "The request body exceeds " + limit.asLongValue() + " bytes, the limit of route "
                + route.routeName());
    }
}
