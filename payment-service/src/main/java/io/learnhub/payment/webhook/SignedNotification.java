package io.learnhub.payment.webhook;

/** A notification as it arrived: the raw body, its signature headers and the address it came from. */
public record SignedNotification(byte[] body, String timestamp, String signature, String sourceAddress) {
}
