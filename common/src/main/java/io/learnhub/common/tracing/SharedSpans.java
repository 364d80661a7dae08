package io.learnhub.common.tracing;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attribute keys more than one service sets, and the names of the spans common's own code
 * starts in several services, declared once; each service's own names live in its
 * {@code <Service>Spans} class. docs/architecture.md catalogues both (a shared span is listed
 * under every service that starts it), and a test in every module fails when the catalogue and
 * these classes drift apart. Values are ids, codes and counts only: never names, emails, message
 * bodies or tokens.
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
    public static final AttributeKey<String> ROOM_ID = stringKey("room.id");
    public static final AttributeKey<String> MESSAGE_ID = stringKey("message.id");
    /** Semantic conventions, on the outbox's publish span: where and which event is handed to Kafka. */
    public static final AttributeKey<String> MESSAGING_DESTINATION = stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = stringKey("messaging.message.id");
    /** On a consumer's span: the event had been applied before, so this delivery changed nothing. */
    public static final AttributeKey<Boolean> EVENT_DUPLICATE = booleanKey("event.duplicate");
    /** The database statements a unit of work ran ({@link DbQueryCount}): proof that a listing has no N+1. */
    public static final AttributeKey<Long> DB_QUERY_COUNT = longKey("db.query_count");

    /** One attempt at sending one email of common's mail outbox ({@code EmailSender}). */
    public static final String SEND_EMAIL = "send_email";
    /** On {@link #SEND_EMAIL}: the kind of email, such as {@code payment-confirmation}. */
    public static final AttributeKey<String> EMAIL_TEMPLATE = stringKey("email.template");
    /** On {@link #SEND_EMAIL}: the recipient's user id; the address never appears in a span. */
    public static final AttributeKey<String> EMAIL_RECIPIENT_ID = stringKey("email.recipient_id");
    /** On {@link #SEND_EMAIL}: 1 for the first try of an email, more for its retries. */
    public static final AttributeKey<Long> EMAIL_ATTEMPT = longKey("email.attempt");

    private SharedSpans() {
    }
}
