package io.learnhub.common.http;

/**
 * The order of the Vert.x route handlers that run before security and REST on every request,
 * lowest first. Named in one place because each relies on the one before it.
 */
public final class RouteOrder {

    /** gateway: drops the baggage a client sent, before anything reads it. */
    public static final int DROP_INBOUND_BAGGAGE = -1100;
    /** every service: establishes the correlation id and puts it into the request's baggage. */
    public static final int CORRELATION_ID = -1000;
    /**
     * every service: refuses a request line or headers longer than Quarkus' limits with the error
     * body, once the correlation id is known (the decoder's own limits are set higher, see
     * {@code RequestSizeLimits}).
     */
    public static final int REQUEST_SIZE_LIMITS = -995;
    /** gateway: answers with {@code traceresponse}, while the server span is still current. */
    public static final int TRACE_RESPONSE = -990;
    /**
     * gateway: refuses a WebSocket upgrade whose handshake headers are invalid with the error body,
     * before the token is checked and before Vert.x would refuse it with an empty answer.
     */
    public static final int WEBSOCKET_HANDSHAKE = -980;
    /**
     * gateway: refuses a request from an origin CORS does not allow with the error body, just
     * before Quarkus' CORS filter (priority 300, so order −300), which would refuse it with an
     * empty 403.
     */
    public static final int FOREIGN_ORIGIN = -310;
    /**
     * gateway: refuses a request whose declared body is larger than its route accepts, before it
     * is read. After Quarkus' CORS filter (priority 300, so order −300: a browser may read the
     * 413) and before its authentication (priority 200).
     */
    public static final int REQUEST_BODY_LIMIT = -250;
    /**
     * every service: the failure handler that answers a failed request (authentication refused on
     * a non-REST route, a 4xx failure of a Vert.x handler) with the error body, before Quarkus' own
     * failure handler, which is last.
     */
    public static final int FAILED_REQUEST = -1000;

    private RouteOrder() {
    }
}
