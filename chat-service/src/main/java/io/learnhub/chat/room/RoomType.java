package io.learnhub.chat.room;

public enum RoomType {
    /** The one room of a course; paying students are added to it automatically. */
    COURSE,
    GROUP,
    /** A conversation between exactly two users. */
    DIRECT
}
