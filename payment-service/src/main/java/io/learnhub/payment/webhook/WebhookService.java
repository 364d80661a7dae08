package io.learnhub.payment.webhook;

import static io.learnhub.payment.tracing.PaymentSpans.PARSE_WEBHOOK;
import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_ID;
import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_STATUS;
import static io.learnhub.payment.tracing.PaymentSpans.PROCESS_PAYMENT_WEBHOOK;
import static io.learnhub.payment.tracing.PaymentSpans.VALID;
import static io.learnhub.payment.tracing.PaymentSpans.VERIFY_SIGNATURE;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.payment.invoice.InvoiceSettlement;
import io.learnhub.payment.invoice.PaymentNotice;
import io.learnhub.payment.invoice.Settlement;
import io.learnhub.common.outbox.OutboxEvent;
import io.learnhub.common.outbox.OutboxPublisher;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * Processes one payment-provider notification in span {@code process_payment_webhook}:
 * {@code verify_signature} on the raw bytes before anything else, {@code parse_webhook}, then
 * {@code update_invoice} (one transaction), then {@code queue_hooks}, the publish of the
 * invoice-paid event after the commit. A slow or failed publish does not fail the webhook: the
 * event is in the outbox and the relay sends it.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final SignatureVerifier signatures;
    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final InvoiceSettlement settlement;
    private final OutboxPublisher publisher;
    private final ReactiveSpans spans;
    private final Duration publishWait;

    public WebhookService(SignatureVerifier signatures, ObjectMapper objectMapper, Validator validator,
            InvoiceSettlement settlement, OutboxPublisher publisher, ReactiveSpans spans,
            @ConfigProperty(name = "learnhub.payment.webhook.publish-wait") Duration publishWait) {
        this.signatures = signatures;
        this.objectMapper = objectMapper;
        this.validator = validator;
        this.settlement = settlement;
        this.publisher = publisher;
        this.spans = spans;
        this.publishWait = publishWait;
    }

    public Uni<WebhookResponse> process(byte[] body, String signature) {
        return spans.inSpan(PROCESS_PAYMENT_WEBHOOK, Context.current(), context -> {
            Span.fromContext(context).setAttribute(WEBHOOK_SOURCE, WebhookNotification.SOURCE);
            return verify(context, body, signature)
                    .chain(() -> parse(context, body))
                    .invoke(notification -> describe(Span.fromContext(context), notification))
                    .chain(notification -> apply(context, notification));
        });
    }

    private Uni<Void> verify(Context parent, byte[] body, String signature) {
        return spans.inSpan(VERIFY_SIGNATURE, parent, context -> {
            boolean valid = signatures.isValid(body, signature);
            Span.fromContext(context).setAttribute(VALID, valid);
            return valid ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new InvalidSignatureException());
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
            Set<ConstraintViolation<WebhookNotification>> violations = notification.isHandled()
                    ? validator.validate(notification)
                    : validator.validateProperty(notification, "event");
            if (!violations.isEmpty()) {
                return Uni.createFrom().failure(new ConstraintViolationException(violations));
            }
            return Uni.createFrom().item(notification);
        });
    }

    private static void describe(Span span, WebhookNotification notification) {
        WebhookNotification.PaymentObject payment = notification.object();
        if (payment == null) {
            return;
        }
        if (payment.id() != null) {
            span.setAttribute(PAYMENT_ID, payment.id());
        }
        if (payment.status() != null) {
            span.setAttribute(PAYMENT_STATUS, payment.status());
        }
        if (payment.metadata() != null && payment.metadata().invoiceId() != null) {
            span.setAttribute(SharedSpans.INVOICE_ID, payment.metadata().invoiceId());
        }
    }

    private Uni<WebhookResponse> apply(Context context, WebhookNotification notification) {
        return switch (notification.event()) {
            case WebhookNotification.PAYMENT_SUCCEEDED -> settlement.pay(context, notice(notification))
                    .call(settled -> queueHooks(context, settled))
                    .map(settled -> new WebhookResponse(settled.invoice().id, settled.invoice().status.name()));
            case WebhookNotification.PAYMENT_CANCELED -> settlement
                    .cancel(context, invoiceId(notification), notification.object().id())
                    .map(invoice -> new WebhookResponse(invoice.id, invoice.status.name()));
            default -> {
                LOG.debugf("Ignoring webhook event %s", notification.event());
                yield Uni.createFrom().item(new WebhookResponse(null, WebhookResponse.IGNORED));
            }
        };
    }

    /**
     * After the commit: hands the queued invoice-paid event to Kafka. The provider's answer waits
     * for Kafka's acknowledgement at most {@code learnhub.payment.webhook.publish-wait}; a slower publish
     * carries on and marks the row sent when acknowledged, and a failed one is left to the relay.
     * Either way the invoice is paid and the event is safe in the outbox.
     */
    private Uni<Void> queueHooks(Context context, Settlement settled) {
        if (!settled.queued()) {
            return Uni.createFrom().voidItem();
        }
        OutboxEvent event = settled.queuedEvent();
        Uni<Void> publishing = publisher.publish(event, context)
                .onFailure().invoke(failure -> LOG.warnf(failure,
                        "Publishing outbox event %s failed; the relay will retry it", event.id))
                .onFailure().recoverWithNull()
                .memoize().indefinitely();
        // runs to completion even when the wait below gives up on it
        publishing.subscribe().with(ignored -> {
        });
        return publishing.ifNoItem().after(publishWait).recoverWithItem(() -> null);
    }

    private static PaymentNotice notice(WebhookNotification notification) {
        WebhookNotification.PaymentObject payment = notification.object();
        return new PaymentNotice(payment.id(), invoiceId(notification), new BigDecimal(payment.amount().value()),
                payment.amount().currency());
    }

    private static UUID invoiceId(WebhookNotification notification) {
        return UUID.fromString(notification.object().metadata().invoiceId());
    }
}
