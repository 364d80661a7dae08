package io.learnhub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed W3C Trace Context level 2 {@code traceresponse} header, {@code 00-<trace id>-<span id>-<flags>}:
 * the gateway names its server span with it.
 */
public record TraceResponseHeader(String traceId, String spanId, String flags) {

    public static final String NAME = "traceresponse";

    private static final Pattern FORMAT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

    /** Fails the test when the header is missing or malformed. */
    public static TraceResponseHeader parse(String header) {
        assertThat(header).as("traceresponse header").isNotNull().matches(FORMAT);
        Matcher matcher = FORMAT.matcher(header);
        matcher.matches();
        return new TraceResponseHeader(matcher.group(1), matcher.group(2), matcher.group(3));
    }
}
