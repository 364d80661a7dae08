package io.learnhub.payment.invoice;

import static io.learnhub.payment.tracing.PaymentSpans.EVENT_INVOICE_ALREADY_PAID;
import static io.learnhub.payment.tracing.PaymentSpans.PAYMENT_ID;
import static io.learnhub.payment.tracing.PaymentSpans.UPDATE_INVOICE;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.learnhub.common.error.NotFoundException;
import io.learnhub.common.event.EventEnvelope;
import io.learnhub.common.event.Topics;
import io.learnhub.common.tracing.ReactiveSpans;
import io.learnhub.common.tracing.SharedSpans;
import io.learnhub.payment.course.Course;
import io.learnhub.payment.course.CourseRepository;
import io.learnhub.payment.course.MaterialService;
import io.learnhub.common.outbox.Outbox;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies the payment provider's notifications to invoices, each in one transaction and in span
 * {@code update_invoice}. Paying an invoice, unlocking the course's materials and queueing the
 * invoice-paid event in the outbox commit together or not at all.
 */
@ApplicationScoped
public class InvoiceSettlement {

    private static final Logger LOG = Logger.getLogger(InvoiceSettlement.class);

    private final InvoiceRepository invoices;
    private final CourseRepository courses;
    private final MaterialService materials;
    private final Outbox outbox;
    private final ReactiveSpans spans;
    private final Clock clock;

    public InvoiceSettlement(InvoiceRepository invoices, CourseRepository courses, MaterialService materials, Outbox outbox,
            ReactiveSpans spans, Clock clock) {
        this.invoices = invoices;
        this.courses = courses;
        this.materials = materials;
        this.outbox = outbox;
        this.spans = spans;
        this.clock = clock;
    }

    /**
     * Marks the invoice paid by this payment. A repeat of a payment already applied changes
     * nothing and queues nothing. {@code webhook} is the webhook's span: {@code update_invoice}
     * hangs under it, and the queued event stores it as the context to publish under.
     */
    public Uni<Settlement> pay(Context webhook, PaymentNotice notice) {
        return spans.inSpan(UPDATE_INVOICE, webhook, updateInvoice -> {
            Span span = Span.fromContext(updateInvoice)
                    .setAttribute(SharedSpans.INVOICE_ID, notice.invoiceId().toString())
                    .setAttribute(PAYMENT_ID, notice.paymentId());
            return Panache.withTransaction(() -> invoices.findForUpdate(notice.invoiceId())
                    .onItem().ifNull().failWith(() -> new NotFoundException("Invoice", notice.invoiceId()))
                    .chain(invoice -> settle(webhook, span, invoice, notice)));
        });
    }

    private Uni<Settlement> settle(Context publishUnder, Span updateInvoice, Invoice invoice, PaymentNotice notice) {
        if (invoice.isPaid()) {
            if (!invoice.isPaidBy(notice.paymentId())) {
                // a second payment for a settled invoice needs a refund, not a second enrollment
                LOG.warnf("Invoice %s is already paid by payment %s; ignoring payment %s",
                        invoice.id, invoice.providerPaymentId, notice.paymentId());
                updateInvoice.addEvent(EVENT_INVOICE_ALREADY_PAID);
            }
            return Uni.createFrom().item(new Settlement(invoice, null));
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
                .map(queued -> new Settlement(invoice, queued));
    }

    private static EventEnvelope<InvoicePaid> invoicePaid(Invoice invoice, Course course) {
        InvoicePaid data = new InvoicePaid(invoice.id, invoice.providerPaymentId, invoice.studentId, course.id, course.title,
                course.teacherId, MoneyView.plain(invoice.amount), invoice.currency, invoice.paidAt);
        return EventEnvelope.create(Topics.INVOICE_PAID, data, invoice.paidAt);
    }

    /** Cancels the invoice if it is still pending; anything else is left as it is. */
    public Uni<Invoice> cancel(Context webhook, UUID invoiceId, String paymentId) {
        return spans.inSpan(UPDATE_INVOICE, webhook, updateInvoice -> {
            Span.fromContext(updateInvoice).setAttribute(SharedSpans.INVOICE_ID, invoiceId.toString())
                    .setAttribute(PAYMENT_ID, paymentId);
            return Panache.withTransaction(() -> invoices.findForUpdate(invoiceId)
                    .onItem().ifNull().failWith(() -> new NotFoundException("Invoice", invoiceId))
                    .invoke(Invoice::cancelIfPending));
        });
    }
}
