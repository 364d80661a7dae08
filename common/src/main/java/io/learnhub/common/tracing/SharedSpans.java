package io.learnhub.common.tracing;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attribute keys more than one service sets, declared once; each service's own names
 * live in its {@code <Service>Spans} class. docs/architecture.md catalogues both, and a test in
 * every module fails when the catalogue and these classes drift apart. Values are ids, codes and
 * counts only: never names, emails, message bodies or tokens.
 */
public final class SharedSpans {

    /** The request's correlation id, on every span (common's CorrelationIdSpanProcessor). */
    public static final AttributeKey<String> CORRELATION_ID = stringKey("correlation_id");
    /** Semantic conventions: why a span failed; the API error code or the exception's class. */
    public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
    /** Whether a cache read was answered by Redis. */
    public static final AttributeKey<Boolean> CACHE_HIT = booleanKey("cache.hit");
    /** The JWT subject the span acts for. */
    public static final AttributeKey<String> USER_ID = stringKey("user.id");
    public static final AttributeKey<String> INVOICE_ID = stringKey("invoice.id");
    public static final AttributeKey<String> TEACHER_ID = stringKey("teacher.id");
    /** Semantic conventions, on the outbox's publish span: where and which event is handed to Kafka. */
    public static final AttributeKey<String> MESSAGING_DESTINATION = stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = stringKey("messaging.message.id");
    /** On a consumer's span: the event had been applied before, so this delivery changed nothing. */
    public static final AttributeKey<Boolean> EVENT_DUPLICATE = booleanKey("event.duplicate");
    /** The database statements a unit of work ran ({@link DbQueryCount}): proof that a listing has no N+1. */
    public static final AttributeKey<Long> DB_QUERY_COUNT = longKey("db.query_count");

    private SharedSpans() {
    }
}
