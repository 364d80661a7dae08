package io.learnhub.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code traceresponse} header: {@code 00-<trace-id>-<span-id>-<flags>}. */
public record TraceResponseHeader(String traceId, String spanId, String flags) {

    private static final Pattern FORMAT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

    public static TraceResponseHeader parse(String header) {
        assertThat(header).as("traceresponse header").isNotNull().matches(FORMAT);
        Matcher matcher = FORMAT.matcher(header);
        matcher.matches();
        return new TraceResponseHeader(matcher.group(1), matcher.group(2), matcher.group(3));
    }
}
