package io.learnhub.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A payments.invoice-paid.v1 record value as payment-service publishes it (docs/architecture.md,
 * "Events"), for the tests of its consumers: start from {@link #random()} and change what the
 * test is about.
 */
public record InvoicePaidRecord(UUID eventId, UUID invoiceId, String paymentId, String studentId, UUID courseId,
        String courseTitle, String teacherId, String teacherEmail, String amount, String currency, Instant paidAt,
        String correlationId) {

    public static final String TYPE = "payments.invoice-paid.v1";

    /** A fresh event: new ids, student 2001, teacher 1001 (at {@link #teacherEmailOf}), 49.00 RUB, paid now. */
    public static InvoicePaidRecord random() {
        UUID invoiceId = UUID.randomUUID();
        return new InvoicePaidRecord(UUID.randomUUID(), invoiceId, "pay-" + invoiceId, "2001", UUID.randomUUID(),
                "Course for a test", "1001", teacherEmailOf("1001"), "49.00", "RUB",
                Instant.now().truncatedTo(ChronoUnit.MICROS), "test-" + UUID.randomUUID());
    }

    public InvoicePaidRecord withEventId(UUID newEventId) {
        return new InvoicePaidRecord(newEventId, invoiceId, paymentId, studentId, courseId, courseTitle, teacherId,
                teacherEmail, amount, currency, paidAt, correlationId);
    }

    public InvoicePaidRecord withStudent(String newStudentId) {
        return new InvoicePaidRecord(eventId, invoiceId, paymentId, newStudentId, courseId, courseTitle, teacherId,
                teacherEmail, amount, currency, paidAt, correlationId);
    }

    public InvoicePaidRecord withCourse(UUID newCourseId, String newTeacherId) {
        return new InvoicePaidRecord(eventId, invoiceId, paymentId, studentId, newCourseId, courseTitle, newTeacherId,
                teacherEmailOf(newTeacherId), amount, currency, paidAt, correlationId);
    }

    /** The teacher, at {@link #teacherEmailOf their test address}. */
    public InvoicePaidRecord withTeacher(String newTeacherId) {
        return withCourse(courseId, newTeacherId);
    }

    /** No address known for the teacher: the field is left out, as for a course without one. */
    public InvoicePaidRecord withoutTeacherEmail() {
        return new InvoicePaidRecord(eventId, invoiceId, paymentId, studentId, courseId, courseTitle, teacherId,
                null, amount, currency, paidAt, correlationId);
    }

    /** The address the tests give teacher {@code teacherId}. */
    public static String teacherEmailOf(String teacherId) {
        return "teacher-" + teacherId + "@test.learnhub.local";
    }

    public InvoicePaidRecord withAmount(String newAmount) {
        return new InvoicePaidRecord(eventId, invoiceId, paymentId, studentId, courseId, courseTitle, teacherId,
                teacherEmail, newAmount, currency, paidAt, correlationId);
    }

    public InvoicePaidRecord withCurrency(String newCurrency) {
        return new InvoicePaidRecord(eventId, invoiceId, paymentId, studentId, courseId, courseTitle, teacherId,
                teacherEmail, amount, newCurrency, paidAt, correlationId);
    }

    public InvoicePaidRecord withPaidAt(Instant newPaidAt) {
        return new InvoicePaidRecord(eventId, invoiceId, paymentId, studentId, courseId, courseTitle, teacherId,
                teacherEmail, amount, currency, newPaidAt, correlationId);
    }

    public InvoicePaidRecord withCorrelationId(String newCorrelationId) {
        return new InvoicePaidRecord(eventId, invoiceId, paymentId, studentId, courseId, courseTitle, teacherId,
                teacherEmail, amount, currency, paidAt, newCorrelationId);
    }

    /** The record key: the invoice id. */
    public String key() {
        return invoiceId.toString();
    }

    /** The envelope JSON; a null field is left out. */
    public String json() {
        StringBuilder data = new StringBuilder();
        field(data, "invoiceId", invoiceId);
        field(data, "paymentId", paymentId);
        field(data, "studentId", studentId);
        field(data, "courseId", courseId);
        field(data, "courseTitle", courseTitle);
        field(data, "teacherId", teacherId);
        field(data, "teacherEmail", teacherEmail);
        field(data, "amount", amount);
        field(data, "currency", currency);
        field(data, "paidAt", paidAt);
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + TYPE + "\",\"occurredAt\":\"" + paidAt + "\","
                + "\"correlationId\":\"" + correlationId + "\",\"data\":{" + data + "}}";
    }

    private static void field(StringBuilder json, String name, Object value) {
        if (value == null) {
            return;
        }
        if (!json.isEmpty()) {
            json.append(',');
        }
        json.append('"').append(name).append("\":\"").append(value).append('"');
    }
}
