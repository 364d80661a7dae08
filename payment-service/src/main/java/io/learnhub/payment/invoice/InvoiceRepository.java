package io.learnhub.payment.invoice;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
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

    /** The invoice this provider payment settled, row-locked until the transaction ends; null if none. */
    public Uni<Invoice> findByPaymentForUpdate(String paymentId) {
        return find("providerPaymentId", paymentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * One page of invoices, newest first: of one student, or everyone's when {@code studentId} is
     * null; of one status, or any when {@code status} is null.
     */
    public Uni<List<Invoice>> page(String studentId, InvoiceStatus status, int offset, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (studentId != null) {
            query.append(" and studentId = :studentId");
            parameters.and("studentId", studentId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return find(query.toString(), Sort.descending("createdAt").and("id"), parameters)
                .range(offset, offset + limit - 1)
                .list();
    }
}
