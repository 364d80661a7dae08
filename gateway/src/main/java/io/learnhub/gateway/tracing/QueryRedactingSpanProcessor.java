package io.learnhub.gateway.tracing;

import static io.opentelemetry.semconv.UrlAttributes.URL_FULL;
import static io.opentelemetry.semconv.UrlAttributes.URL_QUERY;

import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Replaces the values of secret-bearing query parameters (tokens, keys, signatures) with
 * {@value #REDACTED} in {@code url.full} of the upstream client spans and {@code url.query} of the
 * server spans. Quarkus' HTTP instrumentation records the query verbatim (OpenTelemetry's own
 * redaction is experimental and off), and the gateway sees every query a browser sends.
 * Both attributes are set when the span starts, so the span is rewritten before anything exports it.
 */
@Singleton
public class QueryRedactingSpanProcessor implements SpanProcessor {

    static final String REDACTED = "REDACTED";

    private final Set<String> secretParameters;

    QueryRedactingSpanProcessor(TracingConfig config) {
        this.secretParameters = config.redactedQueryParameters().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        redact(span, URL_FULL, true);
        redact(span, URL_QUERY, false);
    }

    private void redact(ReadWriteSpan span, AttributeKey<String> key, boolean isFullUrl) {
        String value = span.getAttribute(key);
        if (value == null) {
            return;
        }
        String redacted = isFullUrl ? redactUrl(value) : redactQuery(value);
        if (!redacted.equals(value)) {
            span.setAttribute(key, redacted);
        }
    }

    String redactUrl(String url) {
        int queryStart = url.indexOf('?');
        if (queryStart < 0) {
            return url;
        }
        int fragmentStart = url.indexOf('#', queryStart);
        int queryEnd = fragmentStart < 0 ? url.length() : fragmentStart;
        return url.substring(0, queryStart + 1) + redactQuery(url.substring(queryStart + 1, queryEnd)) + url.substring(queryEnd);
    }

    String redactQuery(String query) {
        StringJoiner redacted = new StringJoiner("&");
        // limit -1 keeps empty parameters, so everything but secret values stays byte for byte
        for (String parameter : query.split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            boolean secret = equals >= 0 && secretParameters.contains(name.toLowerCase(Locale.ROOT));
            redacted.add(secret ? name + "=" + REDACTED : parameter);
        }
        return redacted.toString();
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
