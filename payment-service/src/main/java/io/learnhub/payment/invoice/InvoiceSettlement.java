package io.learnhub.payment.invoice;

import static io.learnhub.payment.tracing.PaymentSpans.EVENT_OVERPAYMENT_REFUNDED;
import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_ID;
import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_OVERPAID;
import static io.learnhub.payment.tracing.PaymentSpans.REFUND_ID;
import static io.learnhub.payment.tracing.PaymentSpans.UPDATE_INVOICE;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.Topics;
import io.learnhub.common.outbox.Outbox;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.payment.course.Course;
import io.learnhub.payment.course.CourseRepository;
import io.learnhub.payment.course.MaterialService;
import io.learnhub.payment.invoice.Settlement.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Applies the payment provider's notifications to invoices, each in one transaction (the invoice
 * row locked, so concurrent deliveries are serialised) and in span {@code update_invoice}. What a
 * notification changes (invoice, material access, overpayment) and the event it queues in the
 * outbox commit together or not at all; a notification already applied changes nothing.
 */
// started with the service so its counters are exported from the start: an alert's increase() needs the 0
@ApplicationScoped
@Startup
public class InvoiceSettlement {

    private static final Logger LOG = Logger.getLogger(InvoiceSettlement.class);

    private final InvoiceRepository invoices;
    private final OverpaymentRepository overpayments;
    private final CourseRepository courses;
    private final MaterialService materials;
    private final Outbox outbox;
    private final ReactiveSpans spans;
    private final Clock clock;
    private final Counter overpaid;

    public InvoiceSettlement(InvoiceRepository invoices, OverpaymentRepository overpayments, CourseRepository courses,
            MaterialService materials, Outbox outbox, ReactiveSpans spans, Clock clock, MeterRegistry registry) {
        this.invoices = invoices;
        this.overpayments = overpayments;
        this.courses = courses;
        this.materials = materials;
        this.outbox = outbox;
        this.spans = spans;
        this.clock = clock;
        this.overpaid = Counter.builder("learnhub.payments.overpaid")
                .description("Second successful payments for an invoice already settled; each needs a refund by an operator")
                .register(registry);
    }

    /**
     * {@code payment.succeeded}: marks a pending (or canceled) invoice paid, unlocks the course's
     * materials and queues payments.invoice-paid.v1. A repeat of a payment already applied changes
     * nothing; another payment for a settled invoice is recorded as an overpayment and queues
     * payments.overpaid.v1. {@code webhook} is the webhook's span: {@code update_invoice} hangs
     * under it, and a queued event stores it as the context to publish under.
     */
    public Uni<Settlement> pay(Context webhook, PaymentNotice notice) {
        return spans.inSpan(UPDATE_INVOICE, webhook, updateInvoice -> {
            Span span = Span.fromContext(updateInvoice)
                    .setAttribute(SharedSpans.INVOICE_ID, notice.invoiceId().toString())
                    .setAttribute(PAYMENT_ID, notice.paymentId());
            return Panache.withTransaction(() -> invoices.findForUpdate(notice.invoiceId())
                    .onItem().ifNull().failWith(() -> new NotFoundException("Invoice", notice.invoiceId()))
                    .chain(invoice -> settle(webhook, span, invoice, notice)))
                    .invoke(settlement -> {
                        if (settlement.outcome() == Outcome.OVERPAID) {
                            overpaid.increment();
                        }
                    });
        });
    }

    private Uni<Settlement> settle(Context publishUnder, Span updateInvoice, Invoice invoice, PaymentNotice notice) {
        if (invoice.isPaidBy(notice.paymentId())) {
            return Uni.createFrom().item(Settlement.of(invoice, Outcome.DUPLICATE));
        }
        if (invoice.isSettled()) {
            return recordOverpayment(publishUnder, updateInvoice, invoice, notice);
        }
        if (!invoice.isSettledBy(notice.amount(), notice.currency())) {
            return Uni.createFrom().failure(new AmountMismatchException(invoice.id));
        }
        Instant paidAt = clock.instant();
        invoice.markPaid(notice.paymentId(), paidAt);
        /*
         * Flushed on its own rather than at commit: Hibernate Reactive sends the second and later
         * statements of a flush from its own callbacks, which see the HTTP server span as current,
         * so a commit-time UPDATE behind the outbox INSERT would leave update_invoice in the trace.
         */
        return Panache.flush()
                .chain(() -> courses.findById(invoice.courseId))
                .call(course -> materials.unlockCourse(course.id, invoice.studentId, invoice.id, paidAt))
                .chain(course -> outbox.enqueue(publishUnder, invoice.id.toString(), invoicePaid(invoice, course)))
                .map(queued -> new Settlement(invoice, Outcome.APPLIED, queued));
    }

    /**
     * The money was taken twice. Kept and made loud rather than dropped: the overpayment row, the
     * invoice's flag, payments.overpaid.v1, {@code payment.overpaid=true} on the span (not an
     * error: nothing failed, the provider must get its 2xx) and the counter that pages an operator.
     */
    private Uni<Settlement> recordOverpayment(Context publishUnder, Span updateInvoice, Invoice invoice, PaymentNotice notice) {
        return overpayments.findForUpdate(notice.paymentId()).chain(known -> {
            if (known != null) {
                return Uni.createFrom().item(Settlement.of(invoice, Outcome.DUPLICATE));
            }
            updateInvoice.setAttribute(PAYMENT_OVERPAID, true);
            LOG.warnf("Overpayment: invoice %s, settled by payment %s, was paid again by payment %s; refund it at the provider",
                    invoice.id, invoice.providerPaymentId, notice.paymentId());
            Overpayment overpayment = Overpayment.of(invoice, notice, clock.instant());
            invoice.overpaid = true;
            return overpayments.persist(overpayment)
                    .call(Panache::flush)
                    .chain(() -> outbox.enqueue(publishUnder, invoice.id.toString(), invoiceOverpaid(invoice, overpayment)))
                    .map(queued -> new Settlement(invoice, Outcome.OVERPAID, queued));
        });
    }

    /**
     * {@code refund.succeeded}: the refunded payment is either an invoice's (the invoice becomes
     * REFUNDED, the student loses the course's materials again, payments.refunded.v1 is queued) or
     * an overpayment's (recorded as refunded, nothing else changes). Only full refunds are
     * supported: another amount is refused with 409 and changes nothing.
     */
    public Uni<Settlement> refund(Context webhook, RefundNotice notice) {
        return spans.inSpan(UPDATE_INVOICE, webhook, updateInvoice -> {
            Span span = Span.fromContext(updateInvoice)
                    .setAttribute(PAYMENT_ID, notice.paymentId())
                    .setAttribute(REFUND_ID, notice.refundId());
            return Panache.withTransaction(() -> invoices.findByPaymentForUpdate(notice.paymentId())
                    .chain(invoice -> invoice != null
                            ? refundInvoice(webhook, span, invoice, notice)
                            : refundOverpayment(span, notice)));
        });
    }

    private Uni<Settlement> refundInvoice(Context publishUnder, Span updateInvoice, Invoice invoice, RefundNotice notice) {
        updateInvoice.setAttribute(SharedSpans.INVOICE_ID, invoice.id.toString());
        if (invoice.isRefunded()) {
            return notice.refundId().equals(invoice.providerRefundId)
                    ? Uni.createFrom().item(Settlement.of(invoice, Outcome.DUPLICATE))
                    : Uni.createFrom().failure(new AlreadyRefundedException(invoice.id));
        }
        if (!invoice.isSettledBy(notice.amount(), notice.currency())) {
            return Uni.createFrom().failure(new AmountMismatchException(invoice.id));
        }
        invoice.markRefunded(notice.refundId(), clock.instant());
        return Panache.flush()
                .call(() -> materials.lockInvoice(invoice.id, invoice.studentId, invoice.courseId))
                .chain(() -> courses.findById(invoice.courseId))
                .chain(course -> outbox.enqueue(publishUnder, invoice.id.toString(), invoiceRefunded(invoice, course)))
                .map(queued -> new Settlement(invoice, Outcome.APPLIED, queued));
    }

    private Uni<Settlement> refundOverpayment(Span updateInvoice, RefundNotice notice) {
        return overpayments.findForUpdate(notice.paymentId())
                .onItem().ifNull().failWith(() -> new NotFoundException("Payment", notice.paymentId()))
                .chain(overpayment -> invoices.findById(overpayment.invoiceId).chain(invoice -> {
                    updateInvoice.setAttribute(SharedSpans.INVOICE_ID, invoice.id.toString());
                    if (overpayment.isRefunded()) {
                        return notice.refundId().equals(overpayment.providerRefundId)
                                ? Uni.createFrom().item(Settlement.of(invoice, Outcome.DUPLICATE))
                                : Uni.createFrom().failure(new AlreadyRefundedException(invoice.id));
                    }
                    if (overpayment.amount.compareTo(notice.amount()) != 0 || !overpayment.currency.equals(notice.currency())) {
                        // a partial refund would drop the overpayment from the operator's list with money still owed
                        return Uni.createFrom().failure(new AmountMismatchException(invoice.id));
                    }
                    overpayment.markRefunded(notice.refundId(), clock.instant());
                    updateInvoice.addEvent(EVENT_OVERPAYMENT_REFUNDED);
                    LOG.infof("Overpayment %s of invoice %s refunded by refund %s", overpayment.providerPaymentId,
                            invoice.id, notice.refundId());
                    return Panache.flush().replaceWith(Settlement.of(invoice, Outcome.APPLIED));
                }));
    }

    /** {@code payment.canceled}: cancels the invoice if it is still pending; anything else is left as it is. */
    public Uni<Settlement> cancel(Context webhook, UUID invoiceId, String paymentId) {
        return spans.inSpan(UPDATE_INVOICE, webhook, updateInvoice -> {
            Span.fromContext(updateInvoice).setAttribute(SharedSpans.INVOICE_ID, invoiceId.toString())
                    .setAttribute(PAYMENT_ID, paymentId);
            return Panache.withTransaction(() -> invoices.findForUpdate(invoiceId)
                    .onItem().ifNull().failWith(() -> new NotFoundException("Invoice", invoiceId))
                    .map(invoice -> {
                        if (invoice.cancelIfPending()) {
                            return Settlement.of(invoice, Outcome.APPLIED);
                        }
                        return Settlement.of(invoice, invoice.status == InvoiceStatus.CANCELED ? Outcome.DUPLICATE : Outcome.UNCHANGED);
                    }));
        });
    }

    private static EventEnvelope<InvoicePaid> invoicePaid(Invoice invoice, Course course) {
        InvoicePaid data = new InvoicePaid(invoice.id, invoice.providerPaymentId, invoice.studentId, course.id, course.title,
                course.teacherId, course.teacherEmail, MoneyView.plain(invoice.amount), invoice.currency, invoice.paidAt);
        return EventEnvelope.create(Topics.INVOICE_PAID, data, invoice.paidAt);
    }

    private static EventEnvelope<InvoiceRefunded> invoiceRefunded(Invoice invoice, Course course) {
        InvoiceRefunded data = new InvoiceRefunded(invoice.id, invoice.providerRefundId, invoice.providerPaymentId,
                invoice.studentId, course.id, course.teacherId, MoneyView.plain(invoice.amount), invoice.currency,
                invoice.refundedAt);
        return EventEnvelope.create(Topics.INVOICE_REFUNDED, data, invoice.refundedAt);
    }

    private static EventEnvelope<InvoiceOverpaid> invoiceOverpaid(Invoice invoice, Overpayment overpayment) {
        InvoiceOverpaid data = new InvoiceOverpaid(invoice.id, overpayment.providerPaymentId, invoice.providerPaymentId,
                invoice.studentId, invoice.courseId, MoneyView.plain(overpayment.amount), overpayment.currency,
                overpayment.receivedAt);
        return EventEnvelope.create(Topics.INVOICE_OVERPAID, data, overpayment.receivedAt);
    }
}
