package io.learnhub.payment.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields this service reads from a YooKassa-style notification; everything else is ignored.
 * Validated only for the events it acts on.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookNotification(
        @NotBlank String event,
        @NotNull @Valid PaymentObject object) {

    /** The provider whose notifications these are, as span attribute webhook.source shows it. */
    public static final String SOURCE = "yookassa";

    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_CANCELED = "payment.canceled";

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PaymentObject(
            @NotBlank @Size(max = 64) String id,
            @Size(max = 32) String status,
            @NotNull @Valid Amount amount,
            @NotNull @Valid Metadata metadata) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Amount(
            @NotNull @Pattern(regexp = "\\d{1,10}(\\.\\d{1,2})?", message = "must be a decimal such as 49.00") String value,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB") String currency) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(
            @NotNull @Pattern(regexp = UUID_PATTERN, message = "must be an invoice UUID") @JsonProperty("invoice_id") String invoiceId) {
    }

    public boolean isHandled() {
        return PAYMENT_SUCCEEDED.equals(event) || PAYMENT_CANCELED.equals(event);
    }
}
