package io.learnhub.payment.course;

import java.util.UUID;

/** A course material as seen by the caller: {@code unlocked} when the caller has paid for it. */
public record MaterialView(UUID id, String title, boolean unlocked) {
}
