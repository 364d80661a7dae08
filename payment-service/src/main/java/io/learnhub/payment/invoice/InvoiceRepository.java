package io.learnhub.payment.invoice;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class InvoiceRepository implements PanacheRepositoryBase<Invoice, UUID> {

    /**
     * The invoice, row-locked until the transaction ends: concurrent deliveries of the same
     * webhook are serialised, so only one of them can pay the invoice and queue its event.
     */
    public Uni<Invoice> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
