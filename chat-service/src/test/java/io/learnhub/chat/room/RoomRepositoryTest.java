package io.learnhub.chat.room;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.learnhub.kafka.KafkaBrokerTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RoomRepositoryTest {

    @Inject
    RoomRepository rooms;

    /**
     * A course's room inserted a second time (a redelivery, or the consumer that lost the race; a
     * concurrent one waits for the first transaction, which PostgreSQL's ON CONFLICT guarantees):
     * nothing is inserted, nothing fails, and the course keeps the first room.
     */
    @Test
    @RunOnVertxContext
    void secondInsertOfACourseRoomIsANoOp(UniAsserter asserter) {
        UUID courseId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Room first = Room.of("Course", RoomType.COURSE, courseId, "6001", now);
        Room second = Room.of("Course", RoomType.COURSE, courseId, "6001", now);

        asserter.assertEquals(() -> Panache.withTransaction(() -> rooms.insertCourseRoomIfAbsent(first)), true);
        asserter.assertEquals(() -> Panache.withTransaction(() -> rooms.insertCourseRoomIfAbsent(second)), false);
        asserter.assertEquals(() -> Panache.withSession(() -> rooms.findCourseRoom(courseId)).map(room -> room.id), first.id);
    }
}
