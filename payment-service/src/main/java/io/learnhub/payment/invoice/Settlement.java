package io.learnhub.payment.invoice;

import io.learnhub.common.outbox.OutboxEvent;

/**
 * The outcome of a successful-payment notification: the invoice as it now stands, and the
 * invoice-paid event queued by this notification, or null when it changed nothing (a repeat).
 */
public record Settlement(Invoice invoice, OutboxEvent queuedEvent) {

    public boolean queued() {
        return queuedEvent != null;
    }
}
