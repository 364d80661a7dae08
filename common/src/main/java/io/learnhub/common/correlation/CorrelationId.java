package io.learnhub.common.correlation;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;

/**
 * The correlation id of the current request or message: one id that follows a request through
 * every service. It travels as W3C baggage entry {@value #BAGGAGE_KEY} (so it follows the trace
 * context automatically) and, for humans and non-traced clients, as the {@value #HEADER} header.
 * Spans carry it as {@code SharedSpans.CORRELATION_ID}, log lines as MDC key {@value #MDC_KEY}.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-ID";
    public static final String BAGGAGE_KEY = "correlation_id";
    public static final String MDC_KEY = "correlationId";

    private static final Pattern ACCEPTED = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private CorrelationId() {
    }

    /** Whether a value received from outside may be used as a correlation id. */
    public static boolean isAcceptable(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches();
    }

    public static String mint() {
        return UUID.randomUUID().toString();
    }

    /** The first acceptable candidate, or a freshly minted id when none is. */
    public static String firstAcceptableOrMint(String... candidates) {
        for (String candidate : candidates) {
            if (isAcceptable(candidate)) {
                return candidate;
            }
        }
        return mint();
    }

    /** The id carried by the baggage of the given OpenTelemetry context, if any. */
    public static Optional<String> from(Context context) {
        return Optional.ofNullable(Baggage.fromContext(context).getEntryValue(BAGGAGE_KEY))
                .filter(CorrelationId::isAcceptable);
    }

    /** The id of the request or message being processed on this thread or Vert.x context, if any. */
    public static Optional<String> current() {
        return from(Context.current());
    }

    /** The given context with the id added to its baggage, so outgoing HTTP calls and Kafka records carry it. */
    public static Context withCorrelationId(Context context, String correlationId) {
        Baggage baggage = Baggage.fromContext(context).toBuilder().put(BAGGAGE_KEY, correlationId).build();
        return context.with(baggage);
    }
}
