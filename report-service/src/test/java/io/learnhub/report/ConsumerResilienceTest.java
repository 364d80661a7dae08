package io.learnhub.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.learnhub.common.event.Topics;
import io.learnhub.kafka.KafkaBrokerTestResource;
import io.learnhub.report.testsupport.Events;
import io.learnhub.testing.MailServerTestResource;
import io.learnhub.testing.PrometheusText;
import io.learnhub.testing.TestKafka;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every consumer keeps going past a poison record, and waits out a database that is briefly gone. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MailServerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConsumerResilienceTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private final Events events = new Events();
    private final TestKafka kafka = events.kafka();

    @Test
    void aPoisonRecordIsDeadLetteredWithItsReasonAndTheNextRecordIsProcessed() throws SQLException {
        UUID room = UUID.randomUUID();
        String poison = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"chat.message-sent.v1\",\"occurredAt\":\""
                + Instant.now() + "\",\"correlationId\":\"c\",\"data\":{\"roomId\":\"" + room + "\",\"kind\":\"LOUD\"}}";
        kafka.send(Topics.MESSAGE_SENT, room.toString(), poison);
        RecordMetadata next = events.userMessage(room, "s-1", Instant.now());

        ConsumerRecord<String, String> deadLetter = kafka.awaitRecord(Topics.deadLetter(Topics.MESSAGE_SENT),
                record -> poison.equals(record.value()));
        assertThat(TestKafka.header(deadLetter, "dead-letter-reason")).contains("kind").contains("messageId");
        events.awaitProcessed(next);
        assertThat(count("select count(*) from chat_messages where room_id = '" + room + "'")).isEqualTo(1);
    }

    @Test
    void aRecordIsRetriedWhilePostgresqlIsUnavailableNotDeadLettered() throws Exception {
        UUID room = UUID.randomUUID();
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        String admin = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + "postgres";
        RecordMetadata message;
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
                Statement sql = connection.createStatement()) {
            // no new connections to report-service's database, and its open ones closed: PostgreSQL is gone for it
            sql.execute("alter database " + database + " allow_connections false");
            try {
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
                double retriesBefore = retries();
                message = events.userMessage(room, "s-1", Instant.now());
                // the consumer has failed on the database and is retrying the record
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> retries() >= retriesBefore + 2);
            } finally {
                sql.execute("alter database " + database + " allow_connections true");
            }
        }

        events.awaitProcessed(message);
        assertThat(count("select count(*) from chat_messages where room_id = '" + room + "'")).isEqualTo(1);
        assertThat(kafka.records(Topics.deadLetter(Topics.MESSAGE_SENT)))
                .noneMatch(record -> room.toString().equals(record.key()));
        // and the service is ready again: its pools have dropped the connections PostgreSQL closed
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
    }

    private static double retries() {
        return PrometheusText.sum(given().when().get("/q/metrics").then().statusCode(200).extract().asString(),
                "learnhub_events_retries_total", "topic=\"" + Topics.MESSAGE_SENT + "\"");
    }

    private long count(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
