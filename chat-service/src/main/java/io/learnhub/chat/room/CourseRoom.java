package io.learnhub.chat.room;

/** A course's COURSE room, and whether this call created it. */
public record CourseRoom(Room room, boolean created) {
}
