package io.learnhub.gateway.tracing;

import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C Trace Context level 2 {@code traceresponse} header: {@code 00-<trace-id>-<span-id>-<flags>},
 * naming the gateway's server span so a frontend can show (and link to) the request's trace.
 */
public final class TraceResponse {

    public static final String HEADER = "traceresponse";
    private static final String VERSION = "00";

    private TraceResponse() {
    }

    public static String of(SpanContext serverSpan) {
        return VERSION + "-" + serverSpan.getTraceId() + "-" + serverSpan.getSpanId() + "-"
                + serverSpan.getTraceFlags().asHex();
    }
}
