package io.learnhub.payment.testsupport;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Test data written and read back straight through JDBC on the real test database: the
 * arrangement and the assertions do not go through the code under test.
 */
@ApplicationScoped
public class Fixtures {

    public static final String TEACHER = "1001";
    public static final BigDecimal PRICE = new BigDecimal("49.00");
    public static final String CURRENCY = "RUB";

    @Inject
    DataSource dataSource;

    /** A course of teacher 1001 at 49.00 RUB with the given number of materials. */
    public UUID course(int materials) {
        return course(null, materials);
    }

    /** The same, with the given title ({@code "Course <id>"} when null). */
    public UUID course(String title, int materials) {
        UUID courseId = UUID.randomUUID();
        execute("insert into courses (id, title, teacher_id, price, currency) values (?, ?, ?, ?, ?)",
                courseId, title == null ? "Course " + courseId : title, TEACHER, PRICE, CURRENCY);
        for (int position = 1; position <= materials; position++) {
            execute("insert into materials (id, course_id, title, position) values (?, ?, ?, ?)",
                    UUID.randomUUID(), courseId, "Lesson " + position, position);
        }
        return courseId;
    }

    /** A student id no other test uses, so that counts and mailboxes start empty. */
    public static String newStudent() {
        return "s-" + UUID.randomUUID();
    }

    /** The address a student's invoices confirm payments to, as the dev tokens' email claim has it. */
    public static String emailOf(String studentId) {
        return "user-" + studentId + "@test.learnhub.local";
    }

    /** A pending invoice whose payment is confirmed to {@link #emailOf} the student. */
    public UUID pendingInvoice(String studentId, UUID courseId) {
        UUID invoiceId = UUID.randomUUID();
        execute("insert into invoices (id, student_id, student_email, course_id, amount, currency, status, created_at) "
                + "values (?, ?, ?, ?, ?, ?, 'PENDING', ?)",
                invoiceId, studentId, emailOf(studentId), courseId, PRICE, CURRENCY, Timestamp.from(Instant.now()));
        return invoiceId;
    }

    public InvoiceRow invoice(UUID invoiceId) {
        return single("select status, provider_payment_id, paid_at, provider_refund_id, overpaid from invoices where id = ?",
                row -> new InvoiceRow(row.getString(1), row.getString(2),
                        row.getTimestamp(3) == null ? null : row.getTimestamp(3).toInstant(), row.getString(4),
                        row.getBoolean(5)),
                invoiceId);
    }

    public long invoicesOf(String studentId) {
        return single("select count(*) from invoices where student_id = ?", row -> row.getLong(1), studentId);
    }

    /** The overpayments recorded for the invoice, as {@code payment id -> refund id (null while unrefunded)}. */
    public Map<String, String> overpayments(UUID invoiceId) {
        Map<String, String> overpayments = new TreeMap<>();
        rows("select provider_payment_id, provider_refund_id from overpayments where invoice_id = ?",
                row -> overpayments.put(row.getString(1), row.getString(2)), invoiceId);
        return overpayments;
    }

    public long emailsAbout(UUID invoiceId) {
        return single("select count(*) from emails where subject_id = ?", row -> row.getLong(1), invoiceId.toString());
    }

    public EmailRow email(UUID emailId) {
        return single("select status, attempts, last_error, sent_at from emails where id = ?",
                row -> new EmailRow(row.getString(1), row.getInt(2), row.getString(3),
                        row.getTimestamp(4) == null ? null : row.getTimestamp(4).toInstant()),
                emailId);
    }

    /**
     * An email as a sender that stopped mid-way leaves it: pending, due, its lease expired,
     * {@code attempts} tries behind it, to be sent under {@code traceContext}.
     */
    public UUID queuedEmail(String recipientId, String address, int attempts, String traceContext) {
        return queuedEmail(recipientId, address, attempts, traceContext, null);
    }

    /** The same, with an HTML alternative to its text body {@code "Body of <id>"} (null: text only). */
    public UUID queuedEmail(String recipientId, String address, int attempts, String traceContext, String htmlBody) {
        UUID emailId = UUID.randomUUID();
        Instant longAgo = Instant.now().minusSeconds(600);
        execute("insert into emails (id, template, subject_id, recipient_id, recipient_address, subject, body, html_body, status, "
                + "attempts, next_attempt_at, locked_until, trace_context, created_at) values (?, 'payment-confirmation', ?, ?, ?, "
                + "?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)",
                emailId, UUID.randomUUID().toString(), recipientId, address, "Queued " + emailId, "Body of " + emailId, htmlBody,
                attempts, Timestamp.from(longAgo), Timestamp.from(longAgo), traceContext, Timestamp.from(longAgo));
        return emailId;
    }

    /** Deletes the courses whose title starts with the prefix; they must have no materials and no invoices. */
    public void deleteCourses(String titlePrefix) {
        execute("delete from courses where title like ?", titlePrefix + "%");
    }

    /** The ids of the first {@code limit} courses in catalogue order: by title, then id. */
    public List<String> courseIdsByTitle(int limit) {
        List<String> ids = new ArrayList<>();
        rows("select id from courses order by title, id limit ?", row -> ids.add(row.getString(1)), limit);
        return ids;
    }

    public long unlockedMaterials(String studentId, UUID courseId) {
        return single("select count(*) from material_access a join materials m on m.id = a.material_id "
                + "where a.student_id = ? and m.course_id = ?", row -> row.getLong(1), studentId, courseId);
    }

    public long outboxEventsFor(String key) {
        return single("select count(*) from outbox_events where message_key = ?", row -> row.getLong(1), key);
    }

    public Instant outboxSentAt(UUID eventId) {
        return single("select sent_at from outbox_events where id = ?",
                row -> row.getTimestamp(1) == null ? null : row.getTimestamp(1).toInstant(), eventId);
    }

    /** An outbox row as a crashed or cut-off publisher leaves it: unsent, its lease long expired. */
    public void unsentOutboxEvent(UUID eventId, String topic, String key, String payload, String traceContext) {
        Instant longAgo = Instant.now().minusSeconds(600);
        execute("insert into outbox_events (id, topic, message_key, payload, trace_context, created_at, locked_until, attempts) "
                + "values (?, ?, ?, ?, ?, ?, ?, 1)",
                eventId, topic, key, payload, traceContext, Timestamp.from(longAgo), Timestamp.from(longAgo));
    }

    public record InvoiceRow(String status, String providerPaymentId, Instant paidAt, String providerRefundId,
            boolean overpaid) {
    }

    public record EmailRow(String status, int attempts, String lastError, Instant sentAt) {
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void rows(String sql, RowConsumer consumer, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                consumer.accept(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    private <T> T single(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> results = new ArrayList<>();
            while (rows.next()) {
                results.add(mapper.map(rows));
            }
            if (results.size() != 1) {
                throw new IllegalStateException("Expected one row from " + sql + " but got " + results.size());
            }
            return results.get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
