package io.learnhub.chat.enrollment;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The part of a payments.invoice-paid.v1 event's data that chat-service uses; the other fields
 * are ignored. A record whose data breaks these constraints is dead-lettered. {@code courseTitle}
 * names the course room when this event creates it; without it the room gets a generic name.
 */
public record InvoicePaid(
        @NotNull UUID invoiceId,
        @NotBlank @Size(max = 64) String studentId,
        @NotNull UUID courseId,
        String courseTitle,
        @NotBlank @Size(max = 64) String teacherId) {
}
