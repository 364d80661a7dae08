package io.learnhub.chat.message;

public enum MessageKind {
    /** Written by a member. */
    USER,
    /** Written by the service itself (for example "a new student has joined"); has no sender. */
    SYSTEM
}
