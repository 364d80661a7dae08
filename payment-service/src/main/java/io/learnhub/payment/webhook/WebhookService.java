package io.learnhub.payment.webhook;

import static io.learnhub.payment.tracing.PaymentSpans.PARSE_WEBHOOK;
import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_ID;
import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_STATUS;
import static io.learnhub.payment.tracing.PaymentSpans.PROCESS_PAYMENT_WEBHOOK;
import static io.learnhub.payment.tracing.PaymentSpans.REFUND_ID;
import static io.learnhub.payment.tracing.PaymentSpans.VALID;
import static io.learnhub.payment.tracing.PaymentSpans.VERIFY_SIGNATURE;
import static io.learnhub.payment.tracing.PaymentSpans.WEBHOOK_DUPLICATE;
import static io.learnhub.payment.tracing.PaymentSpans.WEBHOOK_EVENT;
import static io.learnhub.payment.tracing.PaymentSpans.WEBHOOK_SIGNING_KEY;
import static io.learnhub.payment.tracing.PaymentSpans.WEBHOOK_SOURCE;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.outbox.OutboxEvent;
import io.learnhub.common.outbox.OutboxPublisher;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.payment.invoice.InvoiceSettlement;
import io.learnhub.payment.invoice.PaymentNotice;
import io.learnhub.payment.invoice.RefundNotice;
import io.learnhub.payment.invoice.Settlement;
import io.learnhub.payment.webhook.SignatureVerifier.Verdict;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * Processes one payment-provider notification in span {@code process_payment_webhook}: the
 * source address against the allowlist, {@code verify_signature} on the raw bytes and the
 * timestamp before anything is parsed, {@code parse_webhook}, then {@code update_invoice} (one
 * transaction), then {@code queue_hooks}, the publish of the event it queued, after the commit. A
 * slow or failed publish does not fail the webhook: the event is in the outbox and the relay sends it.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final WebhookSources sources;
    private final SignatureVerifier signatures;
    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final InvoiceSettlement settlement;
    private final OutboxPublisher publisher;
    private final ReactiveSpans spans;
    private final Duration publishWait;

    public WebhookService(WebhookSources sources, SignatureVerifier signatures, ObjectMapper objectMapper,
            Validator validator, InvoiceSettlement settlement, OutboxPublisher publisher, ReactiveSpans spans,
            WebhookConfig config) {
        this.sources = sources;
        this.signatures = signatures;
        this.objectMapper = objectMapper;
        this.validator = validator;
        this.settlement = settlement;
        this.publisher = publisher;
        this.spans = spans;
        this.publishWait = config.publishWait();
    }

    public Uni<WebhookResponse> process(SignedNotification received) {
        return spans.inSpan(PROCESS_PAYMENT_WEBHOOK, Context.current(), context -> {
            Span span = Span.fromContext(context).setAttribute(WEBHOOK_SOURCE, WebhookNotification.SOURCE);
            if (!sources.isAllowed(received.sourceAddress())) {
                LOG.warnf("Refused a payment notification from %s: outside learnhub.payment.webhook.allowed-sources",
                        received.sourceAddress());
                return Uni.createFrom().failure(new SourceNotAllowedException());
            }
            return verify(context, received)
                    .chain(() -> parse(context, received.body()))
                    .invoke(notification -> describe(span, notification))
                    .chain(notification -> apply(context, notification))
                    .invoke(response -> span.setAttribute(WEBHOOK_DUPLICATE, response.duplicate()));
        });
    }

    private Uni<Void> verify(Context parent, SignedNotification received) {
        return spans.inSpan(VERIFY_SIGNATURE, parent, context -> {
            Verdict verdict = signatures.verify(received.body(), received.timestamp(), received.signature());
            Span span = Span.fromContext(context).setAttribute(VALID, verdict.isValid());
            return switch (verdict) {
                case VALID_CURRENT_KEY -> {
                    span.setAttribute(WEBHOOK_SIGNING_KEY, "current");
                    yield Uni.createFrom().voidItem();
                }
                case VALID_PREVIOUS_KEY -> {
                    span.setAttribute(WEBHOOK_SIGNING_KEY, "previous");
                    yield Uni.createFrom().voidItem();
                }
                case STALE -> Uni.createFrom().failure(new StaleWebhookException(signatures.tolerance()));
                case INVALID -> Uni.createFrom().failure(new InvalidSignatureException());
            };
        });
    }

    /** JSON errors answer 400 malformed_json, constraint violations 400 validation_failed (common's mappers). */
    private Uni<WebhookNotification> parse(Context parent, byte[] body) {
        return spans.inSpan(PARSE_WEBHOOK, parent, context -> {
            WebhookNotification notification;
            try {
                notification = objectMapper.readValue(body, WebhookNotification.class);
                if (notification == null) {
                    throw JsonMappingException.from((JsonParser) null, "The webhook body is JSON null");
                }
            } catch (IOException e) {
                return Uni.createFrom().failure(e);
            }
            Class<?> group = notification.validationGroup();
            Set<ConstraintViolation<WebhookNotification>> violations = group != null
                    ? validator.validate(notification, Default.class, group)
                    : validator.validateProperty(notification, "event");
            if (!violations.isEmpty()) {
                return Uni.createFrom().failure(new ConstraintViolationException(violations));
            }
            return Uni.createFrom().item(notification);
        });
    }

    private static void describe(Span span, WebhookNotification notification) {
        span.setAttribute(WEBHOOK_EVENT, notification.event());
        WebhookNotification.NotificationObject object = notification.object();
        if (object == null) {
            return;
        }
        if (object.status() != null) {
            span.setAttribute(PAYMENT_STATUS, object.status());
        }
        if (WebhookNotification.REFUND_SUCCEEDED.equals(notification.event())) {
            span.setAttribute(REFUND_ID, object.id());
            if (object.paymentId() != null) {
                span.setAttribute(PAYMENT_ID, object.paymentId());
            }
            return;
        }
        if (object.id() != null) {
            span.setAttribute(PAYMENT_ID, object.id());
        }
        if (object.metadata() != null && object.metadata().invoiceId() != null) {
            span.setAttribute(SharedSpans.INVOICE_ID, object.metadata().invoiceId());
        }
    }

    private Uni<WebhookResponse> apply(Context context, WebhookNotification notification) {
        Uni<Settlement> settled = switch (notification.event()) {
            case WebhookNotification.PAYMENT_SUCCEEDED -> settlement.pay(context, paymentNotice(notification));
            case WebhookNotification.PAYMENT_CANCELED -> settlement.cancel(context, invoiceId(notification),
                    notification.object().id());
            case WebhookNotification.REFUND_SUCCEEDED -> settlement.refund(context, refundNotice(notification));
            default -> null;
        };
        if (settled == null) {
            LOG.debugf("Ignoring webhook event %s", notification.event());
            return Uni.createFrom().item(new WebhookResponse(null, WebhookResponse.IGNORED, false));
        }
        return settled
                .call(settlement -> queueHooks(context, settlement))
                .map(settlement -> new WebhookResponse(settlement.invoice().id, settlement.invoice().status.name(),
                        settlement.duplicate()));
    }

    /**
     * After the commit: hands the queued event to Kafka. The provider's answer waits for Kafka's
     * acknowledgement at most {@code learnhub.payment.webhook.publish-wait}; a slower publish
     * carries on and marks the row sent when acknowledged, and a failed one is left to the relay.
     * Either way the change is committed and the event is safe in the outbox.
     */
    private Uni<Void> queueHooks(Context context, Settlement settled) {
        if (!settled.queued()) {
            return Uni.createFrom().voidItem();
        }
        OutboxEvent event = settled.queuedEvent();
        Uni<Void> publishing = publisher.publish(event, context)
                // one line: the Kafka client has logged the cause with its stack trace already
                .onFailure().invoke(failure -> LOG.warnf("Publishing outbox event %s failed (%s); the relay will retry it",
                        event.id, failure))
                .onFailure().recoverWithNull()
                .memoize().indefinitely();
        // runs to completion even when the wait below gives up on it
        publishing.subscribe().with(ignored -> {
        });
        return publishing.ifNoItem().after(publishWait).recoverWithItem(() -> null);
    }

    private static PaymentNotice paymentNotice(WebhookNotification notification) {
        WebhookNotification.NotificationObject payment = notification.object();
        return new PaymentNotice(payment.id(), invoiceId(notification), new BigDecimal(payment.amount().value()),
                payment.amount().currency());
    }

    private static RefundNotice refundNotice(WebhookNotification notification) {
        WebhookNotification.NotificationObject refund = notification.object();
        return new RefundNotice(refund.id(), refund.paymentId(), new BigDecimal(refund.amount().value()),
                refund.amount().currency());
    }

    private static UUID invoiceId(WebhookNotification notification) {
        return UUID.fromString(notification.object().metadata().invoiceId());
    }
}
