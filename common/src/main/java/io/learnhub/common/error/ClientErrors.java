package io.learnhub.common.error;

import java.util.Map;

/**
 * What to tell a client about a 4xx that no exception of ours describes (Quarkus or Vert.x
 * refused the request before any resource ran): what was wrong, in terms of the request only.
 */
final class ClientErrors {

    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(400, "The request is malformed"),
            Map.entry(401, ErrorMappers.UNAUTHORIZED),
            Map.entry(403, ErrorMappers.FORBIDDEN),
            Map.entry(404, "Nothing is served at this path"),
            Map.entry(405, "This path does not accept this method"),
            Map.entry(406, "This path cannot answer in a media type the Accept header allows"),
            Map.entry(413, "The request body is larger than this endpoint accepts"),
            Map.entry(414, "The request line (method, path and query) is too long"),
            Map.entry(415, "This endpoint does not accept the request's Content-Type"),
            Map.entry(431, "The request's headers are too large"));

    private ClientErrors() {
    }

    static String messageOf(int status) {
        return MESSAGES.getOrDefault(status, "The request was refused");
    }
}
