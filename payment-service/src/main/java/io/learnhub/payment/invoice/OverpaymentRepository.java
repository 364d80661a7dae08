package io.learnhub.payment.invoice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OverpaymentRepository implements PanacheRepositoryBase<Overpayment, String> {

    /** The overpayment made by this provider payment, row-locked until the transaction ends; null if none. */
    public Uni<Overpayment> findForUpdate(String paymentId) {
        return findById(paymentId, LockModeType.PESSIMISTIC_WRITE);
    }
}
