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
    /** gateway: answers with {@code traceresponse}, while the server span is still current. */
    public static final int TRACE_RESPONSE = -990;
    /**
     * gateway: refuses a request whose declared body is larger than its route accepts, before it
     * is read. After Quarkus' CORS filter (priority 300, so order −300: a browser may read the
     * 413) and before its authentication (priority 200).
     */
    public static final int REQUEST_BODY_LIMIT = -250;
    /**
     * gateway: refuses an upgrade to {@code /ws/chat} that carries no token with the error body,
     * after CORS (a foreign origin is 403 first) and before authentication.
     */
    public static final int SOCKET_TOKEN_REQUIRED = -240;

    private RouteOrder() {
    }
}
