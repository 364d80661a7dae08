package io.learnhub.common.event;

/**
 * A record that cannot be applied however often it is redelivered (not JSON, not an envelope,
 * another event type, invalid data): its consumer fails it, and the channel's dead-letter strategy
 * parks it on the topic's {@code .dlq}.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
