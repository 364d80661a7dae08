package io.learnhub.report.chat;

/** A teacher's rooms in one week: the messages written in them and the students who wrote (distinct senders). */
public record TeacherChatActivity(String teacherId, int messages, int activeStudents) {
}
