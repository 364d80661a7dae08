package io.learnhub.payment.invoice;

import io.learnhub.common.outbox.OutboxEvent;

/**
 * The outcome of one notification: the invoice as it now stands, what the notification did, and
 * the event it queued in the outbox, if any.
 */
public record Settlement(Invoice invoice, Outcome outcome, OutboxEvent queuedEvent) {

    public enum Outcome {
        /** The notification changed the invoice. */
        APPLIED,
        /** The same notification had been applied before: nothing changed. */
        DUPLICATE,
        /** A second payment for a settled invoice, recorded as an overpayment. */
        OVERPAID,
        /** Applied, but there was nothing to change (a cancellation of an invoice that is no longer pending). */
        UNCHANGED
    }

    public static Settlement of(Invoice invoice, Outcome outcome) {
        return new Settlement(invoice, outcome, null);
    }

    public boolean queued() {
        return queuedEvent != null;
    }

    public boolean duplicate() {
        return outcome == Outcome.DUPLICATE;
    }
}
