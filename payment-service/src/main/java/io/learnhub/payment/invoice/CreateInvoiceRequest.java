package io.learnhub.payment.invoice;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

public record CreateInvoiceRequest(@NotNull UUID courseId) {
}
