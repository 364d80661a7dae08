package io.learnhub.testing;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A sampled remote parent span a test puts on its request (W3C {@code traceparent}): every span the
 * request causes lands in {@link #traceId()}, and the first local span is a child of {@link #spanId()}.
 */
public record TraceParent(String traceId, String spanId) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static TraceParent random() {
        return new TraceParent(randomHex(16), randomHex(8));
    }

    /** The {@code traceparent} header value: {@code 00-<trace id>-<span id>-01}. */
    public String header() {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** The same parent with the sampled flag off: {@code 00-<trace id>-<span id>-00}. */
    public String unsampledHeader() {
        return "00-" + traceId + "-" + spanId + "-00";
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
