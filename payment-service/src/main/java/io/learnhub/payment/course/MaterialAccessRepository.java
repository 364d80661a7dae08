package io.learnhub.payment.course;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MaterialAccessRepository implements PanacheRepositoryBase<MaterialAccess, MaterialAccessId> {

    /*
     * One statement, idempotent: a student who already holds a material (say from an earlier
     * invoice for the same course) keeps the original grant.
     */
    private static final String GRANT_COURSE_MATERIALS = """
            insert into material_access (student_id, material_id, invoice_id, unlocked_at)
            select :studentId, m.id, :invoiceId, :unlockedAt from materials m where m.course_id = :courseId
            on conflict (student_id, material_id) do nothing""";

    /*
     * After a refund: what the student still holds through another paid invoice for the course is
     * granted again by that invoice (the refunded one may have held the grant).
     */
    private static final String REGRANT_FROM_PAID_INVOICES = """
            insert into material_access (student_id, material_id, invoice_id, unlocked_at)
            select i.student_id, m.id, i.id, i.paid_at from invoices i join materials m on m.course_id = i.course_id
            where i.student_id = :studentId and i.course_id = :courseId and i.status = 'PAID'
            on conflict (student_id, material_id) do nothing""";

    /** Which of the given materials the student may open. */
    public Uni<Set<UUID>> unlockedFor(String studentId, Collection<UUID> materialIds) {
        if (materialIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return list("id.studentId = :studentId and id.materialId in :materialIds",
                Parameters.with("studentId", studentId).and("materialIds", materialIds))
                .map(accesses -> accesses.stream().map(access -> access.id.materialId()).collect(Collectors.toSet()));
    }

    /** Revokes what this invoice granted, in the caller's transaction; the number of materials locked again. */
    public Uni<Integer> revokeInvoice(UUID invoiceId) {
        return getSession().chain(session -> session.createMutationQuery("delete from MaterialAccess where invoiceId = :invoiceId")
                .setParameter("invoiceId", invoiceId)
                .executeUpdate());
    }

    /** Grants again, in the caller's transaction, what the student's other paid invoices for the course cover. */
    public Uni<Integer> regrantFromPaidInvoices(String studentId, UUID courseId) {
        return getSession().chain(session -> session.createNativeQuery(REGRANT_FROM_PAID_INVOICES)
                .setParameter("studentId", studentId)
                .setParameter("courseId", courseId)
                .executeUpdate());
    }

    /** Grants the student every material of the course, in the caller's transaction; the number newly granted. */
    public Uni<Integer> grantCourse(UUID courseId, String studentId, UUID invoiceId, Instant at) {
        return getSession().chain(session -> session.createNativeQuery(GRANT_COURSE_MATERIALS)
                .setParameter("studentId", studentId)
                .setParameter("invoiceId", invoiceId)
                .setParameter("unlockedAt", at)
                .setParameter("courseId", courseId)
                .executeUpdate());
    }
}
